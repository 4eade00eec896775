import {
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
} from '@aws-sdk/client-eks';
import { DescribeLoadBalancersCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { useSeededSandbox } from './__testUtils__/seededSandbox';

const CLUSTER = 'dpj-dev-cluster';
const ARGOCD_ROLE = 'arn:aws:iam::111111111111:role/argocd-manager';

describe("ArgoCD's access to an EKS cluster", () => {
  const t = useSeededSandbox();

  const server = () => t.clusterServer(CLUSTER);
  const argocd = t.argocd;

  const application = (name: string, source: Record<string, unknown>) => ({
    metadata: { name, namespace: 'argocd' },
    spec: {
      project: 'default',
      source: { targetRevision: '1.0.0', ...source },
      destination: { server: server(), namespace: name },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
  });

  beforeEach(async () => {
    // As the register action makes it: ArgoCD assumes a role, no static credential.
    await argocd('POST', '/api/v1/clusters', {
      server: server(),
      name: CLUSTER,
      config: { awsAuthConfig: { clusterName: CLUSTER, roleARN: ARGOCD_ROLE } },
    });
    await argocd(
      'POST',
      '/api/v1/applications',
      application('aws-load-balancer-controller', {
        repoURL: 'https://aws.github.io/eks-charts',
        chart: 'aws-load-balancer-controller',
      }),
    );
    await argocd(
      'POST',
      '/api/v1/applications',
      application('shop', {
        repoURL: 'https://git.example.com/dpj/gitops.git',
        path: 'charts/dpj',
        helm: { releaseName: 'shop' },
      }),
    );
    t.advanceAwsSeconds(31);
  });

  const shopStatus = async () =>
    (await argocd('GET', '/api/v1/applications/shop')).status;
  const shopLoadBalancers = async () =>
    (
      (await t.elb.send(new DescribeLoadBalancersCommand({}))).LoadBalancers ??
      []
    ).filter(lb => lb.LoadBalancerName!.startsWith('k8s-shop-'));

  it('is Unauthorized without an access entry for its role: nothing syncs, nothing is made', async () => {
    const status = await shopStatus();
    expect(status.sync.status).toBe('Unknown');
    expect(status.health.status).toBe('Unknown');
    expect(status.conditions).toEqual([
      expect.objectContaining({
        type: 'ComparisonError',
        message: expect.stringMatching(
          /provide credentials \(Unauthorized: arn:aws:iam::111111111111:role\/argocd-manager has no access entry on dpj-dev-cluster\)/,
        ),
      }),
    ]);
    const cluster = await argocd(
      'GET',
      `/api/v1/clusters/${encodeURIComponent(server())}`,
    );
    expect(cluster.connectionState.status).toBe('Failed');
    expect(await shopLoadBalancers()).toEqual([]);
  });

  it('is Forbidden with an entry but no cluster admin policy, and syncs once it has one', async () => {
    await t.eks.send(
      new CreateAccessEntryCommand({
        clusterName: CLUSTER,
        principalArn: ARGOCD_ROLE,
      }),
    );
    expect((await shopStatus()).conditions[0].message).toMatch(
      /cannot list resource "customresourcedefinitions".*\(Forbidden\)/,
    );
    await t.eks.send(
      new AssociateAccessPolicyCommand({
        clusterName: CLUSTER,
        principalArn: ARGOCD_ROLE,
        policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy',
        accessScope: { type: 'cluster' },
      }),
    );
    expect((await shopStatus()).sync.status).toBe('Unknown');
    await t.eks.send(
      new AssociateAccessPolicyCommand({
        clusterName: CLUSTER,
        principalArn: ARGOCD_ROLE,
        policyArn:
          'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy',
        accessScope: { type: 'cluster' },
      }),
    );
    const status = await shopStatus();
    expect(status.sync.status).toBe('Synced');
    expect(status.health.status).toBe('Healthy');
    expect(await shopLoadBalancers()).toHaveLength(1);
  });
});
