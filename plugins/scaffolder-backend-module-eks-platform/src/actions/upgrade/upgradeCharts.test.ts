import {
  actionContext,
  logLines,
  outputOf,
  TODAY,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import { testGuard } from '../__testUtils__/testGuard';
import { createArgoCdRegisterAction } from '../argocd/registerArgoCd';
import { CERTIFICATE_AUTHORITY } from '../argocd/manifests/__testUtils__/argoCdEnvironments';
import { planChartRepins } from './chartRepins';
import { upgradeAction } from '../__testUtils__/upgradeAction';
import { validateEnvironmentTarget } from '../shared/environmentInput';

// The seeded dev cluster runs 1.35 and has one WARNING insight; its upgrade waits 600 AWS
// s for the control plane and 120 AWS s per node, 0.6 s and 0.12 s here.
jest.setTimeout(60_000);

const TOKEN = 'sandbox-argocd-token';
const DEV = {
  environment: 'dev' as const,
  name: 'dpj-dev',
  owner: 'group:default/platform-team',
  account: '111111111111',
};
const AUTOSCALER = 'dpj-dev-cluster-autoscaler';

describe('eks-platform:cluster:upgrade and the charts that follow Kubernetes', () => {
  const fixture = useSandboxActionFixture({ seed: true });
  const instances = () => [
    { name: 'sandbox', url: `${fixture.sandbox.url}/argocd`, token: TOKEN },
  ];
  /** ArgoCD requests by method, through the real fetch. */
  const requests: { method: string; url: string }[] = [];
  const countingFetch: typeof fetch = async (input, init) => {
    requests.push({ method: init?.method ?? 'GET', url: String(input) });
    return fetch(input, init);
  };
  const upgrade = () =>
    upgradeAction(fixture, { instances: instances(), fetch: countingFetch });
  const input = (mode: 'api' | 'gitops') => ({
    ...DEV,
    targetVersion: '1.36',
    acknowledgeWarnings: true,
    mode,
  });

  async function autoscalerApplication() {
    const response = await fetch(
      `${fixture.sandbox.url}/argocd/api/v1/applications/${AUTOSCALER}?project=dpj-dev`,
      { headers: { authorization: `Bearer ${TOKEN}` } },
    );
    return response.json();
  }

  beforeEach(async () => {
    await fixture.reset();
    requests.length = 0;
  });

  it('api: moves the Cluster Autoscaler image to the new minor once the nodes run it, keeping every other value', async () => {
    await createArgoCdRegisterAction({
      instances: instances(),
      guard: testGuard(fixture.aws),
      now: () => TODAY,
    }).handler(
      actionContext({
        input: {
          ...DEV,
          kubernetesVersion: '1.35',
          mode: 'api',
          adopt: true,
          clusterName: 'dpj-dev-cluster',
          clusterEndpoint:
            'https://127.0.0.1:4567/k8s/111111111111/eu-west-3/dpj-dev-cluster',
          clusterCertificateAuthority: CERTIFICATE_AUTHORITY,
          vpcId: 'vpc-0a1b2c3d4e5f60718',
          argocdRoleArn: 'arn:aws:iam::111111111111:role/argocd-manager',
          repoUrl: 'https://github.com/dpj/gitops.git',
        },
      }),
    );
    const before = await autoscalerApplication();
    const valuesBefore = before.spec.source.helm.valuesObject;
    expect(valuesBefore.image).toEqual({ tag: 'v1.35.2' });

    const ctx = actionContext({ input: input('api'), taskId: 'task-up' });
    await upgrade().handler(ctx);
    expect(logLines(ctx.logger)).toContainEqual(
      'Pre-check: Chart values: dpj-dev-cluster-autoscaler image.tag v1.35.2 → v1.36.1',
    );
    const steps: string[] = outputOf(ctx, 'steps');
    // Last, after every node group's roll.
    expect(steps[steps.length - 1]).toBe(
      'chart values dpj-dev-cluster-autoscaler image.tag → v1.36.1',
    );
    expect(steps[steps.length - 2]).toMatch(/^node group /);
    const after = await autoscalerApplication();
    expect(after.spec.source.helm.valuesObject).toEqual({
      ...valuesBefore,
      image: { tag: 'v1.36.1' },
    });
    expect(after.spec.source.targetRevision).toBe(
      before.spec.source.targetRevision,
    );
    expect(after.metadata.labels).toEqual(before.metadata.labels);
    expect(requests.filter(r => r.method === 'PUT')).toHaveLength(1);

    // The same task again: nothing to write.
    requests.length = 0;
    await upgrade().handler(
      actionContext({ input: input('api'), taskId: 'task-up' }),
    );
    expect(requests.filter(r => r.method !== 'GET')).toEqual([]);
  });

  it('gitops: names the file and the value to commit, and changes no ArgoCD object', async () => {
    const ctx = actionContext({ input: input('gitops') });
    await upgrade().handler(ctx);
    expect(logLines(ctx.logger, 'warn')).toContainEqual(
      'Commit to the GitOps repository: in clusters/dpj-dev/apps/cluster-autoscaler.yaml, set spec.source.helm.valuesObject.image.tag to v1.36.1, now that the nodes run the new Kubernetes version',
    );
    expect(requests).toEqual([]);
  });

  it('refuses a target no Cluster Autoscaler release is known for, before any change', async () => {
    const spec = validateEnvironmentTarget(DEV, TODAY);
    const plan = await planChartRepins(spec, '1.37', undefined);
    expect(plan.blocking).toEqual([
      'No cluster-autoscaler image.tag is known for Kubernetes 1.37 (CLUSTER_AUTOSCALER_IMAGES in componentSizing.ts): add its release, then upgrade',
    ]);
    expect(plan.repins).toEqual([]);
  });

  it('refuses an unknown mode, naming the field, before AWS or ArgoCD is asked', async () => {
    await fixture.clearCalls();
    await expect(
      upgrade().handler(
        actionContext({ input: { ...input('api'), mode: 'helm' as 'api' } }),
      ),
    ).rejects.toThrow('mode must be gitops or api, got "helm"');
    expect(await fixture.calls()).toEqual([]);
    expect(requests).toEqual([]);
  });
});
