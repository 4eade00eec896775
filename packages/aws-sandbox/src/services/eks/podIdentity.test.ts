import {
  CreateAddonCommand,
  CreateNodegroupCommand,
  CreatePodIdentityAssociationCommand,
  DeleteAddonCommand,
  DeletePodIdentityAssociationCommand,
  DescribeAddonCommand,
  DescribePodIdentityAssociationCommand,
  ListPodIdentityAssociationsCommand,
  waitUntilAddonActive,
  waitUntilNodegroupActive,
} from '@aws-sdk/client-eks';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import {
  createActiveCluster,
  EksTestSandbox,
  FAST_WAITER,
  PRIVATE_SUBNET_IDS,
  startEksTestSandbox,
  trustPolicy,
  waitForIamPropagation,
} from './testSandbox';

const podTrust = (actions: string[]) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: actions,
      },
    ],
  });

describe('aws-sandbox EKS Pod Identity', () => {
  let t: EksTestSandbox;
  const roles: Record<string, string> = {};
  beforeAll(async () => {
    t = await startEksTestSandbox();
    const documents = {
      pods: podTrust(['sts:AssumeRole', 'sts:TagSession']),
      'pods-no-tag-session': podTrust(['sts:AssumeRole']),
      nodes: trustPolicy('ec2.amazonaws.com'),
    };
    for (const [name, document] of Object.entries(documents)) {
      const { Role } = await t.iam.send(
        new CreateRoleCommand({
          RoleName: name,
          AssumeRolePolicyDocument: document,
        }),
      );
      roles[name] = Role!.Arn!;
    }
    await waitForIamPropagation(t);
  });
  afterAll(() => t.sandbox.close());

  const addon = (clusterName: string, addonName: string, roleArn?: string) =>
    t.eks.send(
      new CreateAddonCommand({
        clusterName,
        addonName,
        ...(roleArn
          ? {
              podIdentityAssociations: [
                { serviceAccount: 'aws-node', roleArn },
              ],
            }
          : {}),
      }),
    );
  const settle = (clusterName: string, addonName: string) =>
    waitUntilAddonActive(
      { client: t.eks, ...FAST_WAITER },
      { clusterName, addonName },
    ).catch(() => undefined);
  const describe = async (clusterName: string, addonName: string) =>
    (await t.eks.send(new DescribeAddonCommand({ clusterName, addonName })))
      .addon!;

  it("stores an add-on's associations, lists them and deletes them with the add-on", async () => {
    await createActiveCluster(t, 'pi-store', {
      bootstrapSelfManagedAddons: false,
    });
    const { addon: created } = await addon('pi-store', 'vpc-cni', roles.pods);
    const { associations = [] } = await t.eks.send(
      new ListPodIdentityAssociationsCommand({ clusterName: 'pi-store' }),
    );
    expect(associations).toEqual([
      expect.objectContaining({
        namespace: 'kube-system',
        serviceAccount: 'aws-node',
        ownerArn: created!.addonArn,
      }),
    ]);
    expect(created!.podIdentityAssociations).toEqual([
      associations[0].associationArn,
    ]);
    await settle('pi-store', 'vpc-cni');
    expect((await describe('pi-store', 'vpc-cni')).status).toBe('ACTIVE');
    await t.eks.send(
      new DeleteAddonCommand({ clusterName: 'pi-store', addonName: 'vpc-cni' }),
    );
    const after = await t.eks.send(
      new ListPodIdentityAssociationsCommand({ clusterName: 'pi-store' }),
    );
    expect(after.associations).toEqual([]);
  });

  it('degrades the add-on whose role does not allow sts:TagSession to pods.eks.amazonaws.com', async () => {
    await createActiveCluster(t, 'pi-trust', {
      bootstrapSelfManagedAddons: false,
    });
    await addon('pi-trust', 'vpc-cni', roles['pods-no-tag-session']);
    await settle('pi-trust', 'vpc-cni');
    const degraded = await describe('pi-trust', 'vpc-cni');
    expect(degraded.status).toBe('DEGRADED');
    expect(degraded.health?.issues).toEqual([
      expect.objectContaining({
        code: 'AddonPermissionFailure',
        message: expect.stringContaining('sts:TagSession'),
      }),
    ]);
  });

  it('degrades it on a cluster with nodes but no eks-pod-identity-agent, until the agent runs', async () => {
    await createActiveCluster(t, 'pi-agent', {
      bootstrapSelfManagedAddons: false,
    });
    await addon('pi-agent', 'vpc-cni', roles.pods);
    await t.eks.send(
      new CreateNodegroupCommand({
        clusterName: 'pi-agent',
        nodegroupName: 'system',
        nodeRole: roles.nodes,
        subnets: PRIVATE_SUBNET_IDS,
      }),
    );
    await waitUntilNodegroupActive(
      { client: t.eks, ...FAST_WAITER },
      { clusterName: 'pi-agent', nodegroupName: 'system' },
    );
    expect((await describe('pi-agent', 'vpc-cni')).health?.issues).toEqual([
      expect.objectContaining({
        code: 'AddonPermissionFailure',
        message: expect.stringContaining('eks-pod-identity-agent'),
      }),
    ]);
    await addon('pi-agent', 'eks-pod-identity-agent');
    await settle('pi-agent', 'eks-pod-identity-agent');
    expect((await describe('pi-agent', 'vpc-cni')).status).toBe('ACTIVE');
  });

  it('makes, describes and deletes an association directly, one per service account', async () => {
    await createActiveCluster(t, 'pi-direct');
    const request = {
      clusterName: 'pi-direct',
      namespace: 'payments',
      serviceAccount: 'api',
      roleArn: roles.pods,
    };
    const { association } = await t.eks.send(
      new CreatePodIdentityAssociationCommand(request),
    );
    await expect(
      t.eks.send(new CreatePodIdentityAssociationCommand(request)),
    ).rejects.toMatchObject({ name: 'ResourceInUseException' });
    const described = await t.eks.send(
      new DescribePodIdentityAssociationCommand({
        clusterName: 'pi-direct',
        associationId: association!.associationId,
      }),
    );
    expect(described.association).toMatchObject({
      namespace: 'payments',
      roleArn: roles.pods,
      associationArn: expect.stringMatching(
        /^arn:aws:eks:eu-west-3:111111111111:podidentityassociation\/pi-direct\/a-/,
      ),
    });
    await t.eks.send(
      new DeletePodIdentityAssociationCommand({
        clusterName: 'pi-direct',
        associationId: association!.associationId,
      }),
    );
    await expect(
      t.eks.send(
        new DescribePodIdentityAssociationCommand({
          clusterName: 'pi-direct',
          associationId: association!.associationId,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('answers a repeated request (same ClientToken) with the association it made', async () => {
    await createActiveCluster(t, 'pi-token');
    const request = {
      clusterName: 'pi-token',
      namespace: 'kube-system',
      serviceAccount: 'aws-load-balancer-controller',
      roleArn: roles.pods,
      clientRequestToken: 'association-token',
    };
    const first = await t.eks.send(
      new CreatePodIdentityAssociationCommand(request),
    );
    const again = await t.eks.send(
      new CreatePodIdentityAssociationCommand(request),
    );
    expect(again.association!.associationId).toBe(
      first.association!.associationId,
    );
    const { associations = [] } = await t.eks.send(
      new ListPodIdentityAssociationsCommand({ clusterName: 'pi-token' }),
    );
    expect(associations).toHaveLength(1);
    await expect(
      t.eks.send(
        new CreatePodIdentityAssociationCommand({
          ...request,
          clientRequestToken: 'another-token',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceInUseException' });
  });
});
