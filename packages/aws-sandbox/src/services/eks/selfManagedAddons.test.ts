import {
  CreateAddonCommand,
  CreateClusterCommand,
  DescribeAddonCommand,
  waitUntilAddonActive,
  waitUntilClusterActive,
} from '@aws-sdk/client-eks';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  EksTestSandbox,
  FAST_WAITER,
  PRIVATE_SUBNET_IDS,
  startEksTestSandbox,
  trustPolicy,
  waitForIamPropagation,
} from './testSandbox';

const CNI_CONFIGURATION = JSON.stringify({
  env: { ENABLE_PREFIX_DELEGATION: 'true' },
});

describe('aws-sandbox EKS: the self-managed add-ons CreateCluster installs', () => {
  let t: EksTestSandbox;
  let roleArn = '';
  beforeAll(async () => {
    t = await startEksTestSandbox();
    const role = await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'addons-cluster-role',
        AssumeRolePolicyDocument: trustPolicy('eks.amazonaws.com'),
      }),
    );
    roleArn = role.Role!.Arn!;
    await waitForIamPropagation(t);
  });
  afterAll(() => t.sandbox.close());

  const activeCluster = async (name: string, bootstrap?: boolean) => {
    await t.eks.send(
      new CreateClusterCommand({
        name,
        roleArn,
        resourcesVpcConfig: { subnetIds: PRIVATE_SUBNET_IDS },
        ...(bootstrap === undefined
          ? {}
          : { bootstrapSelfManagedAddons: bootstrap }),
      }),
    );
    await waitUntilClusterActive({ client: t.eks, ...FAST_WAITER }, { name });
  };
  const addVpcCni = (clusterName: string, resolveConflicts?: 'OVERWRITE') =>
    t.eks.send(
      new CreateAddonCommand({
        clusterName,
        addonName: 'vpc-cni',
        configurationValues: CNI_CONFIGURATION,
        ...(resolveConflicts ? { resolveConflicts } : {}),
      }),
    );

  it('fails a configured take-over of the unmanaged vpc-cni with a conflict, as EKS does', async () => {
    await activeCluster('bootstrapped');
    await addVpcCni('bootstrapped');
    await expect(
      waitUntilAddonActive(
        { client: t.eks, ...FAST_WAITER },
        { clusterName: 'bootstrapped', addonName: 'vpc-cni' },
      ),
    ).rejects.toThrow();
    const { addon } = await t.eks.send(
      new DescribeAddonCommand({
        clusterName: 'bootstrapped',
        addonName: 'vpc-cni',
      }),
    );
    expect(addon?.status).toBe('CREATE_FAILED');
    expect(addon?.health?.issues).toEqual([
      expect.objectContaining({
        code: 'ConfigurationConflict',
        message: expect.stringMatching(
          /^Conflicts found when trying to apply\. Will not continue due to resolve conflicts mode\. Conflicts:\nDaemonSet\.apps aws-node/,
        ),
      }),
    ]);
  });

  it('lets OVERWRITE take it over', async () => {
    await activeCluster('overwritten');
    await addVpcCni('overwritten', 'OVERWRITE');
    await expect(
      waitUntilAddonActive(
        { client: t.eks, ...FAST_WAITER },
        { clusterName: 'overwritten', addonName: 'vpc-cni' },
      ),
    ).resolves.toMatchObject({ state: 'SUCCESS' });
  });

  it('has nothing to conflict with when the cluster is created without them', async () => {
    await activeCluster('bare', false);
    await addVpcCni('bare');
    await expect(
      waitUntilAddonActive(
        { client: t.eks, ...FAST_WAITER },
        { clusterName: 'bare', addonName: 'vpc-cni' },
      ),
    ).resolves.toMatchObject({ state: 'SUCCESS' });
  });
});
