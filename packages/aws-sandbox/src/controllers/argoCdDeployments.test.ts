import {
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { SandboxClock } from '../core/clock';
import { defaultSandboxServices } from '../defaultServices';
import { RunningSandbox, startSandbox } from '../server';

const credentials = { accessKeyId: 'AKIDSANDBOXDEV', secretAccessKey: 'x' };
const CLUSTER = 'dpj-dev-cluster';

describe('what synced ArgoCD applications make in AWS', () => {
  let sandbox: RunningSandbox;
  let ec2: EC2Client;
  let elb: ElasticLoadBalancingV2Client;
  let now: number;

  beforeAll(async () => {
    sandbox = await startSandbox({
      timeScale: 0.001,
      port: 0,
      ...defaultSandboxServices({ seed: true }),
    });
    const config = {
      region: 'eu-west-3',
      endpoint: sandbox.url,
      credentials,
      maxAttempts: 1,
    };
    ec2 = new EC2Client(config);
    elb = new ElasticLoadBalancingV2Client(config);
  });
  afterAll(async () => {
    ec2.destroy();
    elb.destroy();
    await sandbox.close();
  });
  const server = () =>
    `${sandbox.context.kubernetesUrl}/k8s/111111111111/eu-west-3/${CLUSTER}`;

  async function argocd(method: string, path: string, body?: unknown) {
    const response = await fetch(`${sandbox.url}/argocd${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sandbox-argocd-token',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${response.status} ${await response.text()}`);
    return response.json();
  }

  beforeEach(async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
    now = Date.now();
    sandbox.context.clock = new SandboxClock(0.001, () => now);
    await argocd('POST', '/api/v1/clusters', {
      server: server(),
      name: CLUSTER,
      config: {},
    });
  });

  const application = (
    name: string,
    namespace: string,
    source: Record<string, unknown>,
  ) => ({
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { targetRevision: '1.0.0', ...source },
      destination: { server: server(), namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  });

  const controller = () =>
    application('aws-load-balancer-controller', 'kube-system', {
      repoURL: 'https://aws.github.io/eks-charts',
      chart: 'aws-load-balancer-controller',
    });
  const shop = () =>
    application('shop', 'shop', {
      repoURL: 'https://git.example.com/dpj/gitops.git',
      path: 'charts/dpj',
      helm: { releaseName: 'shop' },
    });
  const monitoring = () =>
    application('monitoring', 'monitoring', {
      repoURL: 'https://prometheus-community.github.io/helm-charts',
      chart: 'kube-prometheus-stack',
      helm: {
        releaseName: 'kps',
        valuesObject: {
          prometheus: {
            prometheusSpec: {
              replicas: 2,
              storageSpec: {
                volumeClaimTemplate: {
                  spec: { resources: { requests: { storage: '30Gi' } } },
                },
              },
            },
          },
        },
      },
    });

  const loadBalancerNames = async () =>
    ((await elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ?? [])
      .map(lb => lb.LoadBalancerName!)
      .filter(name => name.startsWith('k8s-shop-'));
  const prometheusVolumes = async () =>
    (
      await ec2.send(
        new DescribeVolumesCommand({
          Filters: [
            {
              Name: 'tag:kubernetes.io/created-for/pvc/namespace',
              Values: ['monitoring'],
            },
            { Name: 'tag:CSIVolumeName', Values: ['*'] },
          ],
        }),
      )
    ).Volumes!.filter(v => v.Size === 30);

  it('makes the Ingress and the claims once the applications have synced', async () => {
    for (const app of [controller(), shop(), monitoring()]) {
      await argocd('POST', '/api/v1/applications', app);
    }
    // Syncing takes 30 AWS seconds.
    now += 0.001 * 29_000;
    expect(await loadBalancerNames()).toEqual([]);
    expect(await prometheusVolumes()).toEqual([]);
    now += 0.001 * 2_000;
    expect(await loadBalancerNames()).toEqual([
      expect.stringMatching(/^k8s-shop-shop-/),
    ]);
    expect(await prometheusVolumes()).toHaveLength(2);
  });

  it('makes no load balancer without the controller', async () => {
    await argocd('POST', '/api/v1/applications', shop());
    now += 0.001 * 31_000;
    expect(await loadBalancerNames()).toEqual([]);
  });

  it('a cascaded delete lets the controllers delete them; the frontend group goes once released', async () => {
    for (const app of [controller(), shop(), monitoring()]) {
      await argocd('POST', '/api/v1/applications', app);
    }
    now += 0.001 * 31_000;
    const [name] = await loadBalancerNames();
    const frontendGroup = async () =>
      (
        await ec2.send(
          new DescribeSecurityGroupsCommand({
            Filters: [{ Name: 'group-name', Values: [name] }],
          }),
        )
      ).SecurityGroups!;
    expect(await frontendGroup()).toHaveLength(1);

    await argocd('DELETE', '/api/v1/applications/shop?cascade=true');
    await argocd('DELETE', '/api/v1/applications/monitoring?cascade=true');
    now += 0.001 * 31_000;
    expect(await loadBalancerNames()).toEqual([]);
    expect(await prometheusVolumes()).toEqual([]);
    // EC2 still holds the load balancer's interfaces, so the group stays a while.
    expect(await frontendGroup()).toHaveLength(1);
    now += 0.001 * 121_000;
    expect(await frontendGroup()).toEqual([]);
  });
});
