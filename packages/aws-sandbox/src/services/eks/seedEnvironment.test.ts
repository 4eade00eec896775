import {
  DescribeAddonCommand,
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListAccessEntriesCommand,
  ListAddonsCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import {
  GetRoleCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import { DPJ_ENVIRONMENTS } from '../../seed/dpjEnvironments';
import { eksInventory, seedEnvironment } from '.';
import { EKS_ADDON_NAMES } from './addonCatalog';
import {
  EksTestSandbox,
  PRIVATE_SUBNET_IDS,
  startEksTestSandbox,
} from './testSandbox';

const spec = DPJ_ENVIRONMENTS.production;
const CREATED_AT = Date.parse('2026-09-01T08:00:00Z');

describe('seedEnvironment', () => {
  let t: EksTestSandbox;
  const config = () => ({
    region: 'eu-west-3',
    endpoint: t.sandbox.url,
    credentials: { accessKeyId: 'AKIDSANDBOXPROD', secretAccessKey: 'x' },
    maxAttempts: 1,
  });
  beforeAll(async () => {
    t = await startEksTestSandbox({
      seed: context =>
        seedEnvironment(context, {
          accountId: spec.account,
          region: spec.region,
          spec,
          privateSubnetIds: PRIVATE_SUBNET_IDS,
          createdAt: CREATED_AT,
          vpcId: 'vpc-0a0000000000000a0',
        }),
    });
  });
  afterAll(() => t.sandbox.close());

  it('seeds an ACTIVE cluster shaped by the spec', async () => {
    const eks = new EKSClient(config());
    const { cluster } = await eks.send(
      new DescribeClusterCommand({ name: 'dpj-prod-cluster' }),
    );
    expect(cluster).toMatchObject({
      status: 'ACTIVE',
      version: spec.kubernetesVersion,
      createdAt: new Date(CREATED_AT),
      roleArn: 'arn:aws:iam::333333333333:role/dpj-prod-eks-cluster-role',
      endpoint: `${t.sandbox.context.kubernetesUrl}/k8s/333333333333/eu-west-3/dpj-prod-cluster`,
      resourcesVpcConfig: {
        subnetIds: PRIVATE_SUBNET_IDS,
        vpcId: 'vpc-0a0000000000000a0',
        endpointPrivateAccess: true,
        endpointPublicAccess: false,
      },
      logging: {
        clusterLogging: [
          {
            types: [
              'api',
              'audit',
              'authenticator',
              'controllerManager',
              'scheduler',
            ],
            enabled: true,
          },
        ],
      },
      accessConfig: { authenticationMode: 'API' },
      tags: spec.tags,
    });
    const keyArn = cluster?.encryptionConfig?.[0].provider?.keyArn;
    const kms = new KMSClient(config());
    const key = await kms.send(
      new DescribeKeyCommand({ KeyId: 'alias/dpj-prod-eks' }),
    );
    expect(key.KeyMetadata).toMatchObject({
      Arn: keyArn,
      KeyState: 'Enabled',
      CreationDate: new Date(CREATED_AT),
    });
    expect(
      (await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyArn })))
        .KeyRotationEnabled,
    ).toBe(true);
    const entries = await eks.send(
      new ListAccessEntriesCommand({ clusterName: 'dpj-prod-cluster' }),
    );
    expect(entries.accessEntries).toContain(
      'arn:aws:iam::333333333333:role/dpj-prod-eks-node-role',
    );
  });

  it('seeds the six add-ons and one node group per spec entry, all ACTIVE', async () => {
    const eks = new EKSClient(config());
    const addons = await eks.send(
      new ListAddonsCommand({ clusterName: 'dpj-prod-cluster' }),
    );
    expect(addons.addons).toEqual(EKS_ADDON_NAMES);
    const coredns = await eks.send(
      new DescribeAddonCommand({
        clusterName: 'dpj-prod-cluster',
        addonName: 'coredns',
      }),
    );
    expect(coredns.addon).toMatchObject({
      status: 'ACTIVE',
      addonVersion: 'v1.12.4-eksbuild.1',
      tags: spec.tags,
    });
    const groups = await eks.send(
      new ListNodegroupsCommand({ clusterName: 'dpj-prod-cluster' }),
    );
    expect(groups.nodegroups).toEqual(spec.nodeGroups.map(group => group.name));
    for (const group of spec.nodeGroups) {
      const { nodegroup } = await eks.send(
        new DescribeNodegroupCommand({
          clusterName: 'dpj-prod-cluster',
          nodegroupName: group.name,
        }),
      );
      expect(nodegroup).toMatchObject({
        status: 'ACTIVE',
        capacityType: group.capacityType,
        instanceTypes: group.instanceTypes,
        scalingConfig: {
          minSize: group.minSize,
          desiredSize: group.desiredSize,
          maxSize: group.maxSize,
        },
        labels: group.labels,
        taints: group.taints,
        diskSize: group.diskSizeGiB,
        nodeRole: 'arn:aws:iam::333333333333:role/dpj-prod-eks-node-role',
        tags: spec.tags,
        createdAt: new Date(CREATED_AT),
      });
    }
  });

  it('seeds the IAM roles with their managed policies', async () => {
    const iam = new IAMClient(config());
    const role = await iam.send(
      new GetRoleCommand({ RoleName: 'dpj-prod-eks-node-role' }),
    );
    expect(role.Role?.Tags).toEqual(
      Object.entries(spec.tags).map(([Key, Value]) => ({ Key, Value })),
    );
    const attached = await iam.send(
      new ListAttachedRolePoliciesCommand({
        RoleName: 'dpj-prod-eks-node-role',
      }),
    );
    expect(attached.AttachedPolicies?.map(p => p.PolicyName)).toEqual([
      'AmazonEKSWorkerNodePolicy',
      'AmazonEKS_CNI_Policy',
      'AmazonEC2ContainerRegistryPullOnly',
      'AmazonSSMManagedInstanceCore',
      'AmazonEBSCSIDriverPolicy',
      'AmazonEFSCSIDriverPolicy',
    ]);
  });

  it('feeds the inventory and seeds again after a reset', async () => {
    const response = await fetch(`${t.sandbox.url}/_sandbox/reset`, {
      method: 'POST',
    });
    expect(response.status).toBe(200);
    const clusters = eksInventory(t.sandbox.context).clusters();
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({
      accountId: '333333333333',
      region: 'eu-west-3',
      name: 'dpj-prod-cluster',
      status: 'ACTIVE',
      createdAt: CREATED_AT,
    });
    expect(
      clusters[0].nodegroups.map(ng => [
        ng.name,
        ng.minSize,
        ng.desiredSize,
        ng.maxSize,
        ng.diskSizeGiB,
      ]),
    ).toEqual(
      spec.nodeGroups.map(group => [
        group.name,
        group.minSize,
        group.desiredSize,
        group.maxSize,
        group.diskSizeGiB,
      ]),
    );
  });
});
