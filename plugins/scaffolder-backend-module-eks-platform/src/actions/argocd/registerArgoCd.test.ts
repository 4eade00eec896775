import { testGuard } from '../__testUtils__/testGuard';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import yaml from 'yaml';
import {
  actionContext,
  logLines,
  outputOf,
  TODAY,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import { createArgoCdDestroyAction } from './destroyArgoCd';
import { destroyArgoCdExamples } from './destroyArgoCd.examples';
import { createArgoCdRegisterAction } from './registerArgoCd';
import { registerArgoCdExamples } from './registerArgoCd.examples';
import { CERTIFICATE_AUTHORITY } from './manifests/__testUtils__/argoCdEnvironments';

const TOKEN = 'sandbox-argocd-token';

const DEV = {
  environment: 'dev',
  name: 'payments-dev',
  owner: 'group:default/platform-team',
  account: '111111111111',
  clusterName: 'payments-dev-cluster',
  clusterEndpoint:
    'https://127.0.0.1:4567/k8s/111111111111/eu-west-3/payments-dev-cluster',
  clusterCertificateAuthority: CERTIFICATE_AUTHORITY,
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  argocdRoleArn: 'arn:aws:iam::111111111111:role/argocd-manager',
  repoUrl: 'https://github.com/dpj/gitops.git',
};

describe('eks-platform:argocd:register', () => {
  const fixture = useSandboxActionFixture();
  const instances = () => [
    { name: 'sandbox', url: `${fixture.sandbox.url}/argocd`, token: TOKEN },
  ];
  const workspace = createMockDirectory();

  /** Counts the ArgoCD requests by method, through the real fetch. */
  function countingFetch(
    fail?: (url: string, method: string) => Response | undefined,
  ) {
    const requests: { method: string; url: string }[] = [];
    const fetchImpl: typeof fetch = async (input, init) => {
      const url = String(input);
      const method = init?.method ?? 'GET';
      requests.push({ method, url });
      return fail?.(url, method) ?? fetch(input, init);
    };
    return {
      fetchImpl,
      writes: () => requests.filter(r => r.method !== 'GET'),
    };
  }

  function register(fetchImpl?: typeof fetch) {
    return createArgoCdRegisterAction({
      instances: instances(),
      guard: testGuard(fixture.aws),
      now: () => TODAY,
      fetch: fetchImpl,
    });
  }

  beforeEach(async () => {
    await fixture.reset();
    workspace.clear();
  });

  it('gitops: writes the app-of-apps layout into the workspace', async () => {
    const ctx = {
      ...actionContext({ input: DEV }),
      workspacePath: workspace.path,
    };
    await register().handler(ctx as any);

    const files: string[] = outputOf(ctx, 'files');
    expect(files).toEqual(
      expect.arrayContaining([
        'clusters/payments-dev/project.yaml',
        'clusters/payments-dev/root.yaml',
        'clusters/payments-dev/cluster-secret.yaml',
      ]),
    );
    const secret = yaml.parse(
      await readFile(
        join(workspace.path, 'clusters/payments-dev/cluster-secret.yaml'),
        'utf8',
      ),
    );
    expect(JSON.parse(secret.stringData.config)).toMatchObject({
      awsAuthConfig: {
        clusterName: 'payments-dev-cluster',
        roleARN: DEV.argocdRoleArn,
      },
    });
    expect(outputOf(ctx, 'applications').length).toBeGreaterThanOrEqual(5);
    // Nothing was sent to ArgoCD.
    expect((await fixture.calls()).some(c => c.service === 'argocd')).toBe(
      false,
    );
  });

  it('api: creates everything, a rerun writes nothing, a changed value is an update', async () => {
    const first = countingFetch();
    const ctx = actionContext({ input: { ...DEV, mode: 'api' } });
    await register(first.fetchImpl).handler(ctx as any);
    const applications: { name: string; url: string; outcome: string }[] =
      outputOf(ctx, 'applications');
    expect(applications.length).toBeGreaterThanOrEqual(5);
    expect(applications.every(a => a.outcome === 'created')).toBe(true);
    expect(applications[0].url).toBe(
      `${fixture.sandbox.url}/argocd/applications/${applications[0].name}`,
    );
    expect(first.writes().length).toBe(applications.length + 2);
    // The NetworkPolicies are Git files: api mode says it did not write them.
    expect(logLines(ctx.logger, 'warn')).toEqual([
      expect.stringMatching(
        /^ArgoCD sandbox: payments-dev-namespace-policies syncs the default-deny NetworkPolicies from clusters\/payments-dev\/policies of .*, which api mode does not write: commit them there/,
      ),
    ]);

    const rerun = countingFetch();
    const again = actionContext({ input: { ...DEV, mode: 'api' } });
    await register(rerun.fetchImpl).handler(again as any);
    expect(outputOf(again, 'applications').map((a: any) => a.outcome)).toEqual(
      applications.map(() => 'unchanged'),
    );
    expect(rerun.writes()).toEqual([]);

    const changed = countingFetch();
    const update = actionContext({
      input: { ...DEV, mode: 'api', syncPolicy: { selfHeal: false } },
    });
    await register(changed.fetchImpl).handler(update as any);
    expect(outputOf(update, 'applications').map((a: any) => a.outcome)).toEqual(
      applications.map(() => 'updated'),
    );
  });

  it('api: an ArgoCD refusal names the application and carries ArgoCD’s message, never the token', async () => {
    const refusing = countingFetch((url, method) =>
      method !== 'GET' && url.includes('/api/v1/applications')
        ? new Response(
            JSON.stringify({
              error:
                'permission denied: applications, create, payments-dev/payments-dev-jaeger',
              code: 7,
              message:
                'permission denied: applications, create, payments-dev/payments-dev-jaeger',
            }),
            { status: 403, headers: { 'content-type': 'application/json' } },
          )
        : undefined,
    );
    const ctx = actionContext({ input: { ...DEV, mode: 'api' } });
    const error = await register(refusing.fetchImpl)
      .handler(ctx as any)
      .then(
        () => undefined,
        e => e as Error,
      );
    expect(error?.message).toMatch(/application payments-dev-/);
    expect(error?.message).toContain('permission denied: applications, create');
    expect(error?.message).not.toContain(TOKEN);
    expect(logLines(ctx.logger).join('\n')).not.toContain(TOKEN);
  });

  it('api: the token of a template secret wins over the configured one, and a wrong one is refused clearly', async () => {
    const ctx = {
      ...actionContext({ input: { ...DEV, mode: 'api' } }),
      secrets: { argocdToken: 'not-the-token' },
    };
    const error = await register()
      .handler(ctx as any)
      .then(
        () => undefined,
        e => e as Error,
      );
    expect(error?.message).toMatch(/ArgoCD sandbox/);
    expect(error?.message).not.toContain('not-the-token');
    expect(logLines(ctx.logger).join('\n')).not.toContain('not-the-token');
  });

  it('api dry run: renders and calls nothing', async () => {
    const counting = countingFetch();
    const ctx = actionContext({
      input: { ...DEV, mode: 'api' },
      isDryRun: true,
    });
    await register(counting.fetchImpl).handler(ctx as any);
    expect(counting.writes()).toEqual([]);
    expect(outputOf(ctx, 'applications').length).toBeGreaterThanOrEqual(5);
  });

  it.each([
    ['an unknown mode', { mode: 'push' }, 'mode'],
    [
      'a role that is not an IAM role ARN',
      { argocdRoleArn: 'argocd' },
      'argocdRoleArn',
    ],
    [
      'an http cluster endpoint',
      { clusterEndpoint: 'http://10.0.0.1' },
      'clusterEndpoint',
    ],
    ['a repository that is no Git URL', { repoUrl: 'gitops' }, 'repoUrl'],
    ['an absolute path', { path: '/clusters/x' }, 'path'],
    [
      'a sync policy with a typo',
      { syncPolicy: { selfheal: true } },
      'syncPolicy.selfheal',
    ],
    [
      'an unknown instance',
      { mode: 'api', argocdInstance: 'prod' },
      'argocdInstance',
    ],
  ])(
    'rejects %s naming the field, before any ArgoCD call',
    async (_case, change, field) => {
      const counting = countingFetch();
      const ctx = actionContext({ input: { ...DEV, ...change } });
      await expect(
        register(counting.fetchImpl).handler(ctx as any),
      ).rejects.toThrow(new RegExp(`${field.replace(/[.[\]]/g, '\\$&')}`));
      expect(counting.writes()).toEqual([]);
    },
  );

  it('runs its examples (gitops one into a workspace)', async () => {
    const [gitops] = registerArgoCdExamples.map(
      e => yaml.parse(e.example).steps[0].input,
    );
    const ctx = {
      ...actionContext({ input: gitops }),
      workspacePath: workspace.path,
    };
    await register().handler(ctx as any);
    expect(outputOf(ctx, 'files').length).toBeGreaterThan(3);
  });

  it('destroy (api): deletes the applications, cluster and project, then finds nothing', async () => {
    await register().handler(
      actionContext({ input: { ...DEV, mode: 'api' } }) as any,
    );
    const destroy = createArgoCdDestroyAction({
      instances: instances(),
      guard: testGuard(fixture.aws),
      now: () => TODAY,
      pollMs: 10,
    });
    // The destroy action's example removes exactly this environment.
    const input = yaml.parse(destroyArgoCdExamples[0].example).steps[0].input;
    const ctx = actionContext({ input });
    await destroy.handler(ctx as any);
    const deleted: string[] = outputOf(ctx, 'deleted');
    expect(deleted).toContain('project payments-dev');
    expect(
      deleted.filter(d => d.startsWith('application ')).length,
    ).toBeGreaterThanOrEqual(5);
    expect(deleted.filter(d => d.startsWith('cluster ')).length).toBe(1);

    const again = actionContext({ input });
    await destroy.handler(again as any);
    expect(outputOf(again, 'deleted')).toEqual([]);
  });
});
