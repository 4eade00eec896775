import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DeploymentsReport,
  eksPlatformDeploymentsRollbackPermission,
} from '@internal/plugin-eks-platform-common';
import {
  createEksDeploymentConditionalDecision,
  eksDeploymentConditions,
} from '@internal/plugin-eks-platform-node';
import {
  defaultSandboxServices,
  RunningSandbox,
  startSandbox,
} from '@internal/aws-sandbox';
import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import {
  ARGOCD_TOKEN,
  dpjCluster,
  startDeploymentsBackend,
} from './__testUtils__/deploymentsBackend';

const STAGING = '/api/eks-platform/deployments/default/dpj-staging-cluster';
const ROLLBACK = `${STAGING}/applications/dpj-staging-dpj-api/rollback`;
const DEVELOPER = mockCredentials.user('user:default/gaelle.roux');

/** What the default policy answers a member of the owning group: dev and staging they own. */
const ownersOnDevAndStaging = (group: string) => () =>
  createEksDeploymentConditionalDecision(
    eksPlatformDeploymentsRollbackPermission,
    {
      allOf: [
        eksDeploymentConditions.isEnvironmentPreset({
          presets: ['dev', 'staging'],
        }),
        eksDeploymentConditions.isEnvironmentOwnedBy({ owners: [group] }),
      ],
    },
  );

describe('deployments routes against the sandbox ArgoCD and Prometheus', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      // An ArgoCD operation lasts 30 s × 0.001.
      timeScale: 0.001,
      ...defaultSandboxServices({ seed: true, argoCdApplications: true }),
    });
  });
  afterAll(() => sandbox.close());

  async function argoCdCalls(): Promise<number> {
    const { calls } = await (
      await fetch(`${sandbox.url}/_sandbox/calls`)
    ).json();
    return (calls as Array<{ service: string }>).filter(
      c => c.service === 'argocd',
    ).length;
  }

  it('lists staging with the Degraded release, and the budget burned after each deployment', async () => {
    const { server, recorded } = await startDeploymentsBackend({
      sandboxUrl: sandbox.url,
      entities: [dpjCluster('staging')],
      decide: () => ({ result: AuthorizeResult.ALLOW }),
    });
    const response = await request(server).get(STAGING);
    expect(response.status).toBe(200);
    const report = response.body as DeploymentsReport;
    expect(report.slo).toEqual({
      status: 'ok',
      objectivePercent: 99.9,
      windowHours: 6,
    });
    expect(report.actions).toEqual({ sync: true, rollback: true });
    expect(report.applications.map(a => a.name)).toEqual([
      'dpj-staging-dpj-api',
      'dpj-staging-dpj-web',
    ]);
    const api = report.applications[0];
    expect(api).toMatchObject({
      syncStatus: 'Synced',
      healthStatus: 'Degraded',
      healthMessage: 'Deployment "dpj-api" exceeded its progress deadline',
      revision: '2.14.0',
      automatedSync: true,
    });
    expect(api.history.map(h => [h.id, h.revision])).toEqual([
      [2, '2.14.0'],
      [1, '2.13.2'],
      [0, '2.12.0'],
    ]);
    // 55 minutes at 90% 5xx in the 6 hours after 2.14.0; 0.03% after 2.13.2.
    const [bad, good] = api.history;
    expect(bad.impact!.budgetBurnedPercent).toBeGreaterThan(10);
    expect(bad.impact!.burnRate).toBeGreaterThan(14.4);
    expect(good.impact!.budgetBurnedPercent).toBeLessThan(1);
    expect(
      Date.parse(bad.impact!.windowEnd) - Date.parse(bad.impact!.windowStart),
    ).toBeLessThanOrEqual(6 * 3600_000);
    expect(JSON.stringify(report)).not.toContain(ARGOCD_TOKEN);
    expect(JSON.stringify(recorded)).not.toContain(ARGOCD_TOKEN);
  }, 120_000);

  it('refuses a rollback the policy refuses before any ArgoCD call, and audits it', async () => {
    const { server, recorded } = await startDeploymentsBackend({
      sandboxUrl: sandbox.url,
      entities: [dpjCluster('staging')],
      decide: ownersOnDevAndStaging('group:default/dpj-developers'),
    });
    const before = await argoCdCalls();
    const refused = await request(server)
      .post(ROLLBACK)
      .set(
        'authorization',
        mockCredentials.user.header(DEVELOPER.principal.userEntityRef),
      )
      .send({ id: 1, suspendAutomatedSync: true });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      'The permission policy refuses eks-platform.deployments.rollback on the staging environment resource:default/dpj-staging-cluster (owned by group:default/platform-team)',
    );
    expect(await argoCdCalls()).toBe(before);
    expect(recorded.audits).toContainEqual([
      'fail',
      refused.body.error.message,
      {
        entityRef: 'resource:default/dpj-staging-cluster',
        application: 'dpj-staging-dpj-api',
        action: 'rollback',
      },
    ]);
    // The report offers no action to this user either.
    const report = (await request(server).get(STAGING))
      .body as DeploymentsReport;
    expect(report.actions.rollback).toBe(false);
    expect(report.actions.reason).toContain('group:default/platform-team');
  });

  it('refuses a bad id before any ArgoCD call', async () => {
    const { server } = await startDeploymentsBackend({
      sandboxUrl: sandbox.url,
      entities: [dpjCluster('staging')],
      decide: () => ({ result: AuthorizeResult.ALLOW }),
    });
    const before = await argoCdCalls();
    const response = await request(server).post(ROLLBACK).send({ id: 'two' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('"id"');
    expect(await argoCdCalls()).toBe(before);
  });

  it("passes on ArgoCD's refusal with automated sync on, then rolls back with it suspended", async () => {
    const { server, recorded } = await startDeploymentsBackend({
      sandboxUrl: sandbox.url,
      entities: [dpjCluster('staging')],
      decide: () => ({ result: AuthorizeResult.ALLOW }),
    });
    const refused = await request(server).post(ROLLBACK).send({ id: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'ArgoCD refused to roll back dpj-staging-dpj-api: rollback cannot be initiated when auto-sync is enabled. Roll back with automated sync suspended; turn it on again once the release is fixed',
    );

    const done = await request(server)
      .post(ROLLBACK)
      .send({ id: 1, suspendAutomatedSync: true });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({
      application: 'dpj-staging-dpj-api',
      message:
        'ArgoCD suspended automated sync, then started a rollback of dpj-staging-dpj-api to deployment 1',
      automatedSyncSuspended: true,
    });
    expect(recorded.audits).toContainEqual([
      'success',
      {
        meta: expect.objectContaining({ answer: done.body.message }),
      },
    ]);

    await sleep(100);
    const report = (await request(server).get(STAGING))
      .body as DeploymentsReport;
    const api = report.applications[0];
    expect(api).toMatchObject({
      healthStatus: 'Healthy',
      // ArgoCD compares with the target, still 2.14.0.
      syncStatus: 'OutOfSync',
      revision: '2.13.2',
      targetRevision: '2.14.0',
      automatedSync: false,
    });
    expect(api.history[0]).toMatchObject({
      id: 3,
      revision: '2.13.2',
      initiatedBy: { username: 'backstage', automated: false },
    });
  });

  it('never shows a wrong token in the error ArgoCD answers, nor in the logs', async () => {
    const wrong = 'a-wrong-token-0123456789';
    const { server, recorded } = await startDeploymentsBackend({
      sandboxUrl: sandbox.url,
      entities: [dpjCluster('staging')],
      decide: () => ({ result: AuthorizeResult.ALLOW }),
      token: wrong,
    });
    const response = await request(server).get(STAGING);
    expect(response.status).toBe(503);
    expect(response.body.error.message).toContain('401');
    expect(JSON.stringify(response.body)).not.toContain(wrong);
    expect(JSON.stringify(recorded)).not.toContain(wrong);
  });

  it('answers 404 for an entity without a selector, and for an application it does not select', async () => {
    const { server } = await startDeploymentsBackend({
      sandboxUrl: sandbox.url,
      entities: [
        dpjCluster('staging'),
        dpjCluster('dev', { annotations: { 'argocd/app-selector': '' } }),
      ],
      decide: () => ({ result: AuthorizeResult.ALLOW }),
    });
    const none = await request(server).get(
      '/api/eks-platform/deployments/default/dpj-dev-cluster',
    );
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe(
      'resource:default/dpj-dev-cluster has no argocd/app-selector annotation',
    );
    const other = await request(server)
      .post(`${STAGING}/applications/dpj-prod-dpj-api/sync`)
      .send({});
    expect(other.status).toBe(404);
    expect(other.body.error.message).toContain(
      'No ArgoCD application dpj-prod-dpj-api among resource:default/dpj-staging-cluster',
    );
  });

  it("lists a component's applications across environments, read-only", async () => {
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'dpj-api',
        namespace: 'default',
        annotations: {
          'argocd/app-selector': 'app.kubernetes.io/name=dpj-api',
        },
      },
      spec: { type: 'service', owner: 'group:default/dpj-developers' },
    };
    const { server } = await startDeploymentsBackend({
      sandboxUrl: sandbox.url,
      entities: [component],
      decide: () => ({ result: AuthorizeResult.ALLOW }),
    });
    const path = '/api/eks-platform/deployments/default/dpj-api';
    const report = (await request(server).get(`${path}?kind=component`))
      .body as DeploymentsReport;
    expect(report.applications.map(a => a.name)).toEqual([
      'dpj-dev-dpj-api',
      'dpj-prod-dpj-api',
      'dpj-staging-dpj-api',
    ]);
    expect(report.actions).toEqual({
      sync: false,
      rollback: false,
      reason: "Sync and roll back from the environment's cluster page",
    });
    expect(report.slo).toEqual({
      status: 'absent',
      message:
        'component:default/dpj-api has no SLO: add the eks-platform/slo-* annotations',
    });
    const before = await argoCdCalls();
    const refused = await request(server)
      .post(`${path}/applications/dpj-dev-dpj-api/sync?kind=component`)
      .send({});
    expect(refused.status).toBe(403);
    expect(await argoCdCalls()).toBe(before);
  });
});
