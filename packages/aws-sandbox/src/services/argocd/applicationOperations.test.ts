import { setTimeout as sleep } from 'node:timers/promises';
import { RunningSandbox, startSandbox } from '../../server';
import { DEGRADED_RELEASE, dpjArgoCdSeed } from '../../seed/dpjApplications';
import { createArgoCdService } from './index';
import { seedArgoCd } from './seededApplications';

const TOKEN = 'sandbox-argocd-token';
const STAGING_API = DEGRADED_RELEASE.application;

describe('aws-sandbox ArgoCD sync, rollback and history', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      httpServices: [createArgoCdService()],
      // An operation lasts 30 s × 0.001.
      timeScale: 0.001,
      seed: context =>
        seedArgoCd(
          context,
          dpjArgoCdSeed(context.clock.nowMillis(), context.kubernetesUrl),
        ),
    });
  });
  afterAll(() => sandbox.close());

  async function call(method: string, path: string, body?: unknown) {
    const response = await fetch(`${sandbox.url}/argocd/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${TOKEN}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('seeds staging dpj-api with a Degraded latest release in its history', async () => {
    const { status, body } = await call('GET', `/applications/${STAGING_API}`);
    expect(status).toBe(200);
    expect(body.status.sync).toMatchObject({
      status: 'Synced',
      revision: '2.14.0',
    });
    expect(body.status.health).toEqual({
      status: 'Degraded',
      message: DEGRADED_RELEASE.message,
    });
    expect(
      body.status.history.map((h: { id: number; revision: string }) => [
        h.id,
        h.revision,
      ]),
    ).toEqual([
      [0, '2.12.0'],
      [1, '2.13.2'],
      [2, '2.14.0'],
    ]);
    expect(body.status.history[2].initiatedBy).toEqual({ automated: true });
    const listed = await call(
      'GET',
      `/applications?selector=${encodeURIComponent(
        'eks-platform/environment-name=dpj-staging',
      )}`,
    );
    expect(
      listed.body.items.map(
        (a: { metadata: { name: string } }) => a.metadata.name,
      ),
    ).toEqual(['dpj-staging-dpj-api', 'dpj-staging-dpj-web']);
  });

  it('refuses a rollback while automated sync is on, as argocd-server does', async () => {
    expect(
      await call('POST', `/applications/${STAGING_API}/rollback`, { id: 1 }),
    ).toEqual({
      status: 400,
      body: {
        error: 'rollback cannot be initiated when auto-sync is enabled',
        code: 9,
        message: 'rollback cannot be initiated when auto-sync is enabled',
      },
    });
  });

  it('refuses a sync to another revision than the automated target', async () => {
    const refused = await call('POST', `/applications/${STAGING_API}/sync`, {
      revision: '2.13.2',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      'Cannot sync to 2.13.2: auto-sync currently set to 2.14.0',
    );
  });

  it('rolls back once automated sync is suspended: one operation at a time, then OutOfSync and Healthy', async () => {
    const { body: app } = await call('GET', `/applications/${STAGING_API}`);
    const { syncPolicy, ...spec } = app.spec;
    expect(syncPolicy.automated).toBeDefined();
    const updated = await call('PUT', `/applications/${STAGING_API}`, {
      metadata: app.metadata,
      spec,
    });
    expect(updated.status).toBe(200);

    expect(
      (await call('POST', `/applications/${STAGING_API}/rollback`, { id: 42 }))
        .body.message,
    ).toBe(`application ${STAGING_API} does not have deployment with id 42`);

    const started = await call(
      'POST',
      `/applications/${STAGING_API}/rollback`,
      {
        id: '1',
      },
    );
    expect(started.status).toBe(200);
    expect(started.body.operation).toEqual({
      sync: {
        revision: '2.13.2',
        source: expect.objectContaining({ targetRevision: '2.13.2' }),
      },
      initiatedBy: { username: 'backstage' },
    });
    expect(started.body.status.health.status).toBe('Progressing');
    expect(started.body.status.operationState.phase).toBe('Running');
    expect(
      (await call('POST', `/applications/${STAGING_API}/sync`, {})).body,
    ).toMatchObject({
      code: 9,
      message: 'another operation is already in progress',
    });

    await sleep(60);
    const { body } = await call('GET', `/applications/${STAGING_API}`);
    expect(body.operation).toBeUndefined();
    // The target is still 2.14.0: what runs differs from it.
    expect(body.status.sync.status).toBe('OutOfSync');
    expect(body.status.health).toEqual({ status: 'Healthy' });
    expect(body.status.operationState).toMatchObject({
      phase: 'Succeeded',
      syncResult: { revision: '2.13.2' },
    });
    expect(body.status.history.at(-1)).toMatchObject({
      id: 3,
      revision: '2.13.2',
      initiatedBy: { username: 'backstage' },
    });
  });

  it('syncs a hand-synced application to its target, and 404s an unknown one', async () => {
    const started = await call(
      'POST',
      '/applications/dpj-prod-dpj-api/sync',
      {},
    );
    expect(started.status).toBe(200);
    await sleep(60);
    const { body } = await call('GET', '/applications/dpj-prod-dpj-api');
    expect(body.status.history.map((h: { id: number }) => h.id)).toEqual([
      0, 1, 2,
    ]);
    expect(body.status.sync.status).toBe('Synced');
    const unknown = await call('POST', '/applications/nope/sync', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe(
      'error getting application by name: applications.argoproj.io "nope" not found',
    );
  });
});
