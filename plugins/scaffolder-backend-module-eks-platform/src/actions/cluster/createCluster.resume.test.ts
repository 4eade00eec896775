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
 * 3 roles with their trust and policies, key with its alias and rotation, cluster, admin
 * access with its policy, 3 add-ons.
 */
const PRODUCTION_STEPS = 18;

const CREATES = [
  'CreateRole',
  'CreateKey',
  'CreateAlias',
  'CreateCluster',
  'CreateAccessEntry',
  'AssociateAccessPolicy',
  'CreateAddon',
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
      'cluster.cluster',
      'cluster.cluster-role',
      'cluster.cluster-role.policies',
      'cluster.cluster-role.trust',
      'cluster.node-role',
      'cluster.node-role.policies',
      'cluster.node-role.trust',
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
          ...Array(3).fill('CreateRole'),
          'CreateKey',
          'CreateAlias',
          'CreateCluster',
          'CreateAccessEntry',
          'AssociateAccessPolicy',
          ...Array(3).fill('CreateAddon'),
        ].sort(),
      );
    },
  );
});
