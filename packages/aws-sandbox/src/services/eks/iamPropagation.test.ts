import {
  CreateAddonCommand,
  CreateClusterCommand,
  CreatePodIdentityAssociationCommand,
  CreateNodegroupCommand,
  waitUntilClusterActive,
} from '@aws-sdk/client-eks';
import {
  CreateRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import {
  EksTestSandbox,
  FAST_WAITER,
  freezeClock,
  PRIVATE_SUBNET_IDS,
  startEksTestSandbox,
  trustPolicy,
  waitForIamPropagation,
} from './testSandbox';
import { SandboxClock } from '../../core/clock';

/** EKS's answer while it cannot assume a role (missing, mistrusting or not propagated). */
const notAssumable = (arn: string) => ({
  name: 'InvalidParameterException',
  message: `Role with arn: ${arn}, could not be assumed because it does not exist or the trusted entity is not correct`,
  $metadata: { httpStatusCode: 400 },
});

describe('aws-sandbox: IAM propagation as EKS sees it', () => {
  let t: EksTestSandbox;
  beforeAll(async () => {
    t = await startEksTestSandbox();
  });
  afterAll(() => t.sandbox.close());
  // Some tests stop the clock; each starts on a running one.
  beforeEach(() => {
    t.sandbox.context.clock = new SandboxClock(0.001);
  });

  const createRole = async (name: string, service: string) =>
    (
      await t.iam.send(
        new CreateRoleCommand({
          RoleName: name,
          AssumeRolePolicyDocument: trustPolicy(service),
        }),
      )
    ).Role!.Arn!;

  const createCluster = (name: string, roleArn: string) =>
    t.eks.send(
      new CreateClusterCommand({
        name,
        roleArn,
        resourcesVpcConfig: { subnetIds: PRIVATE_SUBNET_IDS },
      }),
    );

  it('refuses a cluster role created a moment ago, then accepts it once IAM has propagated', async () => {
    const clock = freezeClock(t);
    const roleArn = await createRole('fresh-cluster-role', 'eks.amazonaws.com');
    await expect(createCluster('fresh', roleArn)).rejects.toMatchObject(
      notAssumable(roleArn),
    );
    // Ten AWS seconds, scaled by the sandbox's time scale (0.001 here: 10 ms).
    clock.advance(9);
    await expect(createCluster('fresh', roleArn)).rejects.toMatchObject(
      notAssumable(roleArn),
    );
    clock.advance(2);
    await expect(createCluster('fresh', roleArn)).resolves.toMatchObject({
      cluster: { name: 'fresh', status: 'CREATING' },
    });
  });

  it('refuses a role that trusts another service, however long one waits', async () => {
    const roleArn = await createRole('ec2-only-role', 'ec2.amazonaws.com');
    await waitForIamPropagation(t);
    await expect(createCluster('mistrusted', roleArn)).rejects.toMatchObject(
      notAssumable(roleArn),
    );
  });

  it('starts propagating again when the trust policy changes', async () => {
    const roleArn = await createRole('retrusted-role', 'ec2.amazonaws.com');
    await waitForIamPropagation(t);
    const clock = freezeClock(t);
    await t.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: 'retrusted-role',
        PolicyDocument: trustPolicy('eks.amazonaws.com'),
      }),
    );
    await expect(createCluster('retrusted', roleArn)).rejects.toMatchObject(
      notAssumable(roleArn),
    );
    clock.advance(11);
    await expect(createCluster('retrusted', roleArn)).resolves.toBeDefined();
  });

  it('holds a node group back the same way until its node role has propagated', async () => {
    const clusterRole = await createRole(
      'ng-cluster-role',
      'eks.amazonaws.com',
    );
    await waitForIamPropagation(t);
    await createCluster('ng-cluster', clusterRole);
    await waitUntilClusterActive(
      { client: t.eks, ...FAST_WAITER },
      { name: 'ng-cluster' },
    );
    const clock = freezeClock(t);
    const nodeRole = await createRole('ng-node-role', 'ec2.amazonaws.com');
    const createNodegroup = () =>
      t.eks.send(
        new CreateNodegroupCommand({
          clusterName: 'ng-cluster',
          nodegroupName: 'system',
          nodeRole,
          subnets: PRIVATE_SUBNET_IDS,
        }),
      );
    await expect(createNodegroup()).rejects.toMatchObject(
      notAssumable(nodeRole),
    );
    clock.advance(11);
    await expect(createNodegroup()).resolves.toMatchObject({
      nodegroup: { status: 'CREATING' },
    });
  });

  it('refuses an add-on or an association naming a role IAM has not propagated yet', async () => {
    const clusterRole = await createRole(
      'pi-cluster-role',
      'eks.amazonaws.com',
    );
    await waitForIamPropagation(t);
    await createCluster('pi-cluster', clusterRole);
    await waitUntilClusterActive(
      { client: t.eks, ...FAST_WAITER },
      { name: 'pi-cluster' },
    );
    const clock = freezeClock(t);
    const podRole = await createRole('pi-pod-role', 'pods.eks.amazonaws.com');
    const addon = () =>
      t.eks.send(
        new CreateAddonCommand({
          clusterName: 'pi-cluster',
          addonName: 'aws-ebs-csi-driver',
          podIdentityAssociations: [
            { serviceAccount: 'ebs-csi-controller-sa', roleArn: podRole },
          ],
        }),
      );
    const association = () =>
      t.eks.send(
        new CreatePodIdentityAssociationCommand({
          clusterName: 'pi-cluster',
          namespace: 'apps',
          serviceAccount: 'api',
          roleArn: podRole,
        }),
      );
    await expect(addon()).rejects.toMatchObject(notAssumable(podRole));
    await expect(association()).rejects.toMatchObject(notAssumable(podRole));
    clock.advance(11);
    await expect(addon()).resolves.toBeDefined();
    await expect(association()).resolves.toBeDefined();
  });
});
