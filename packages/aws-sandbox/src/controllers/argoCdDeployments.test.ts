import {
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
} from '@aws-sdk/client-ec2';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { useSeededSandbox } from './__testUtils__/seededSandbox';

const CLUSTER = 'dpj-dev-cluster';

describe('what synced ArgoCD applications make in AWS', () => {
  const t = useSeededSandbox();

  const server = () => t.clusterServer(CLUSTER);
  const argocd = t.argocd;

  beforeEach(async () => {
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
    (
      (await t.elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ??
      []
    )
      .map(lb => lb.LoadBalancerName!)
      .filter(name => name.startsWith('k8s-shop-'));
  const prometheusVolumes = async () =>
    (
      await t.ec2.send(
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
    t.advanceAwsSeconds(29);
    expect(await loadBalancerNames()).toEqual([]);
    expect(await prometheusVolumes()).toEqual([]);
    t.advanceAwsSeconds(2);
    expect(await loadBalancerNames()).toEqual([
      expect.stringMatching(/^k8s-shop-shop-/),
    ]);
    expect(await prometheusVolumes()).toHaveLength(2);
  });

  it('makes no load balancer without the controller', async () => {
    await argocd('POST', '/api/v1/applications', shop());
    t.advanceAwsSeconds(31);
    expect(await loadBalancerNames()).toEqual([]);
  });

  it('a cascaded delete lets the controllers delete them; the frontend group goes once released', async () => {
    for (const app of [controller(), shop(), monitoring()]) {
      await argocd('POST', '/api/v1/applications', app);
    }
    t.advanceAwsSeconds(31);
    const [name] = await loadBalancerNames();
    const frontendGroup = async () =>
      (
        await t.ec2.send(
          new DescribeSecurityGroupsCommand({
            Filters: [{ Name: 'group-name', Values: [name] }],
          }),
        )
      ).SecurityGroups!;
    expect(await frontendGroup()).toHaveLength(1);

    await argocd('DELETE', '/api/v1/applications/shop?cascade=true');
    await argocd('DELETE', '/api/v1/applications/monitoring?cascade=true');
    t.advanceAwsSeconds(31);
    expect(await loadBalancerNames()).toEqual([]);
    expect(await prometheusVolumes()).toEqual([]);
    // EC2 still holds the load balancer's interfaces, so the group stays a while.
    expect(await frontendGroup()).toHaveLength(1);
    t.advanceAwsSeconds(121);
    expect(await frontendGroup()).toEqual([]);
  });
});
