import {
  actionContext,
  CheckpointStore,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  clusterAction,
  ClusterClientsForTests,
  countCluster,
  createPrivateSubnets,
  PRODUCTION_CLUSTER_COUNTS,
  productionClusterInput,
  testClients,
} from './__testUtils__/clusterTestUtils';

/**
 * 8 roles with their trust and policies (three with an inline policy), key with its alias
 * and rotation, cluster, admin and ArgoCD access with their policies, 3 add-ons, the load balancer
 * controller's, Fluent Bit's and the autoscaler's Pod Identity associations, the control
 * plane's and the containers' log groups with their retention.
 */
const PRODUCTION_STEPS = 45;

const CREATES = [
  'CreateRole',
  'CreateKey',
  'CreateAlias',
  'CreateCluster',
  'CreateAccessEntry',
  'AssociateAccessPolicy',
  'CreateAddon',
  'PutRolePolicy',
  'CreatePodIdentityAssociation',
  'CreateLogGroup',
];

describe('eks-platform:cluster:create resumes an interrupted task', () => {
  const fixture = useSandboxActionFixture();
  let clients: ClusterClientsForTests;
  let subnets: string[];
  const input = () => productionClusterInput(subnets);

  beforeEach(async () => {
    await fixture.reset();
    subnets = await createPrivateSubnets(fixture.ec2('333333333333'));
    clients ??= await testClients(fixture.aws, '333333333333');
    await fixture.clearCalls();
  });

  it(`goes through ${PRODUCTION_STEPS} checkpoints for the production cluster`, async () => {
    const checkpoints = new CheckpointStore();
    await clusterAction(fixture.aws).handler(
      actionContext({ input: input(), checkpoints }),
    );
    expect(checkpoints.ran).toBe(PRODUCTION_STEPS);
    // Independent nodes run together, so the order is the graph's, not one list's.
    expect([...checkpoints.values.keys()].sort()).toEqual([
      'cluster.addon-eks-pod-identity-agent',
      'cluster.addon-kube-proxy',
      'cluster.addon-vpc-cni',
      'cluster.admin-access',
      'cluster.admin-access.policy',
      'cluster.argocd-access',
      'cluster.argocd-access.policy',
      'cluster.cluster',
      'cluster.cluster-autoscaler-role',
      'cluster.cluster-autoscaler-role.inline-policy',
      'cluster.cluster-autoscaler-role.policies',
      'cluster.cluster-autoscaler-role.trust',
      'cluster.cluster-role',
      'cluster.cluster-role.policies',
      'cluster.cluster-role.trust',
      'cluster.container-logs',
      'cluster.container-logs.retention',
      'cluster.control-plane-logs',
      'cluster.control-plane-logs.retention',
      'cluster.ebs-csi-role',
      'cluster.ebs-csi-role.policies',
      'cluster.ebs-csi-role.trust',
      'cluster.efs-csi-role',
      'cluster.efs-csi-role.policies',
      'cluster.efs-csi-role.trust',
      'cluster.fluent-bit-role',
      'cluster.fluent-bit-role.inline-policy',
      'cluster.fluent-bit-role.policies',
      'cluster.fluent-bit-role.trust',
      'cluster.load-balancer-controller-role',
      'cluster.load-balancer-controller-role.inline-policy',
      'cluster.load-balancer-controller-role.policies',
      'cluster.load-balancer-controller-role.trust',
      'cluster.node-role',
      'cluster.node-role.policies',
      'cluster.node-role.trust',
      'cluster.pod-identity-aws-load-balancer-controller',
      'cluster.pod-identity-cluster-autoscaler',
      'cluster.pod-identity-fluent-bit',
      'cluster.secrets-key',
      'cluster.secrets-key.alias',
      'cluster.secrets-key.rotation',
      'cluster.vpc-cni-role',
      'cluster.vpc-cni-role.policies',
      'cluster.vpc-cni-role.trust',
    ]);
  });

  it.each(Array.from({ length: PRODUCTION_STEPS }, (_, i) => [i]))(
    'converges to one of each after an abort before checkpoint %i',
    async abortBefore => {
      const checkpoints = new CheckpointStore();
      checkpoints.abortBefore = abortBefore;
      await expect(
        clusterAction(fixture.aws).handler(
          actionContext({ input: input(), taskId: 'task-r', checkpoints }),
        ),
      ).rejects.toThrow(/simulated abort/);
      checkpoints.abortBefore = undefined;
      await clusterAction(fixture.aws).handler(
        actionContext({ input: input(), taskId: 'task-r', checkpoints }),
      );
      expect(await countCluster(clients, 'dpj-prod-cluster')).toEqual(
        PRODUCTION_CLUSTER_COUNTS,
      );
      const creates = (await fixture.calls())
        .filter(c => c.status < 300 && CREATES.includes(c.operation))
        .map(c => c.operation)
        .sort();
      expect(creates).toEqual(
        [
          ...Array(8).fill('CreateRole'),
          ...Array(3).fill('PutRolePolicy'),
          ...Array(3).fill('CreatePodIdentityAssociation'),
          ...Array(2).fill('CreateLogGroup'),
          'CreateKey',
          'CreateAlias',
          'CreateCluster',
          ...Array(2).fill('CreateAccessEntry'),
          ...Array(2).fill('AssociateAccessPolicy'),
          ...Array(3).fill('CreateAddon'),
        ].sort(),
      );
    },
  );
});
