import {
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  CreateAddonCommand,
  CreateClusterCommand,
  CreateNodegroupCommand,
  DeleteAddonCommand,
  DeleteClusterCommand,
  DeleteNodegroupCommand,
  DescribeAddonVersionsCommand,
  DescribeClusterCommand,
  DescribeClusterVersionsCommand,
  ListAccessEntriesCommand,
  ListAddonsCommand,
  ListAssociatedAccessPoliciesCommand,
  ListClustersCommand,
  ListNodegroupsCommand,
  waitUntilAddonActive,
  waitUntilClusterActive,
  waitUntilClusterDeleted,
  waitUntilNodegroupActive,
  waitUntilNodegroupDeleted,
} from '@aws-sdk/client-eks';
import {
  CreateKeyCommand,
  DescribeKeyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { DPJ_ENVIRONMENTS } from '../../seed/dpjEnvironments';
import { eksInventory } from '.';
import {
  ALL_LOGS_ENABLED,
  clusterRequest,
  createEnvironmentRoles,
  deleteEnvironmentRoles,
} from './productionFixtures';
import { EKS_ADDON_NAMES } from './addonCatalog';
import {
  EksTestSandbox,
  FAST_WAITER,
  PRIVATE_SUBNET_IDS,
  startEksTestSandbox,
} from './testSandbox';

const spec = DPJ_ENVIRONMENTS.production;
const CLUSTER = 'dpj-prod-cluster';
const ADMIN_ROLE = 'arn:aws:iam::111111111111:role/platform-admins';
const tags = spec.tags;

describe('aws-sandbox EKS: the production preset from roles to teardown', () => {
  let t: EksTestSandbox;
  beforeAll(async () => {
    t = await startEksTestSandbox();
  });
  afterAll(() => t.sandbox.close());

  let roles = { cluster: '', node: '' };
  let keyArn = '';

  it('creates the IAM roles and the KMS key', async () => {
    roles = await createEnvironmentRoles(t, 'dpj-prod');
    expect(roles.cluster).toBe(
      'arn:aws:iam::111111111111:role/dpj-prod-eks-cluster-role',
    );
    const key = await t.kms.send(
      new CreateKeyCommand({ Description: 'dpj-prod secrets' }),
    );
    keyArn = key.KeyMetadata?.Arn ?? '';
    expect(keyArn).toMatch(/^arn:aws:kms:eu-west-3:111111111111:key\//);
  });

  it('creates the cluster with the preset version, then it turns ACTIVE', async () => {
    const versions = await t.eks.send(
      new DescribeClusterVersionsCommand({
        clusterVersions: [spec.kubernetesVersion],
      }),
    );
    expect(versions.clusterVersions?.map(v => v.versionStatus)).toEqual([
      'STANDARD_SUPPORT',
    ]);
    const request = clusterRequest(spec, roles.cluster, keyArn);
    const created = await t.eks.send(new CreateClusterCommand(request));
    expect(created.cluster).toMatchObject({
      name: CLUSTER,
      status: 'CREATING',
      version: '1.35',
    });
    expect(created.cluster?.endpoint).toBeUndefined();

    const waited = await waitUntilClusterActive(
      { client: t.eks, ...FAST_WAITER },
      { name: CLUSTER },
    );
    expect(waited.state).toBe('SUCCESS');
    const { cluster } = await t.eks.send(
      new DescribeClusterCommand({ name: CLUSTER }),
    );
    expect(cluster).toMatchObject({
      name: CLUSTER,
      arn: `arn:aws:eks:eu-west-3:111111111111:cluster/${CLUSTER}`,
      status: 'ACTIVE',
      roleArn: roles.cluster,
      endpoint: `${t.sandbox.context.kubernetesUrl}/k8s/111111111111/eu-west-3/${CLUSTER}`,
      resourcesVpcConfig: {
        subnetIds: PRIVATE_SUBNET_IDS,
        vpcId: 'vpc-0a0000000000000a0',
        endpointPrivateAccess: true,
        endpointPublicAccess: false,
        publicAccessCidrs: [],
      },
      logging: ALL_LOGS_ENABLED,
      encryptionConfig: request.encryptionConfig,
      accessConfig: request.accessConfig,
      upgradePolicy: request.upgradePolicy,
      tags,
    });
    expect(cluster?.createdAt).toBeInstanceOf(Date);
    expect(cluster?.identity?.oidc?.issuer).toMatch(
      /^https:\/\/oidc\.eks\.eu-west-3\.amazonaws\.com\/id\/[0-9A-F]{32}$/,
    );
    const pem = Buffer.from(
      cluster?.certificateAuthority?.data ?? '',
      'base64',
    ).toString();
    expect(pem).toMatch(
      /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/,
    );
    expect(cluster?.resourcesVpcConfig?.clusterSecurityGroupId).toMatch(
      /^sg-[0-9a-f]{17}$/,
    );
  });

  it('installs the six add-ons at their default versions', async () => {
    for (const addonName of EKS_ADDON_NAMES) {
      const versions = await t.eks.send(
        new DescribeAddonVersionsCommand({
          addonName,
          kubernetesVersion: spec.kubernetesVersion,
        }),
      );
      const defaultVersion = versions.addons?.[0].addonVersions?.find(v =>
        v.compatibilities?.some(
          c => c.clusterVersion === spec.kubernetesVersion && c.defaultVersion,
        ),
      )?.addonVersion;
      expect(defaultVersion).toMatch(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/);
      const created = await t.eks.send(
        new CreateAddonCommand({
          clusterName: CLUSTER,
          addonName,
          addonVersion: defaultVersion,
          configurationValues:
            addonName === 'coredns' ? '{"replicaCount":3}' : undefined,
          tags,
        }),
      );
      expect(created.addon).toMatchObject({
        addonName,
        status: 'CREATING',
        addonVersion: defaultVersion,
      });
    }
    await waitUntilAddonActive(
      { client: t.eks, ...FAST_WAITER },
      { clusterName: CLUSTER, addonName: 'coredns' },
    );
    const listed = await t.eks.send(
      new ListAddonsCommand({ clusterName: CLUSTER }),
    );
    expect(listed.addons).toEqual(EKS_ADDON_NAMES);
  });

  it('creates one managed node group per preset group', async () => {
    for (const group of spec.nodeGroups) {
      const created = await t.eks.send(
        new CreateNodegroupCommand({
          clusterName: CLUSTER,
          nodegroupName: group.name,
          nodeRole: roles.node,
          subnets: PRIVATE_SUBNET_IDS,
          instanceTypes: group.instanceTypes,
          capacityType: group.capacityType,
          scalingConfig: {
            minSize: group.minSize,
            desiredSize: group.desiredSize,
            maxSize: group.maxSize,
          },
          diskSize: group.diskSizeGiB,
          labels: group.labels,
          taints: group.taints,
          tags,
        }),
      );
      expect(created.nodegroup).toMatchObject({
        nodegroupName: group.name,
        status: 'CREATING',
        capacityType: group.capacityType,
        instanceTypes: group.instanceTypes,
        scalingConfig: {
          minSize: group.minSize,
          desiredSize: group.desiredSize,
          maxSize: group.maxSize,
        },
        labels: group.labels,
        taints: group.taints,
        diskSize: 50,
        version: '1.35',
        amiType: 'AL2023_x86_64_STANDARD',
      });
    }
    for (const group of spec.nodeGroups) {
      const waited = await waitUntilNodegroupActive(
        { client: t.eks, ...FAST_WAITER },
        { clusterName: CLUSTER, nodegroupName: group.name },
      );
      expect(waited.state).toBe('SUCCESS');
    }
    const listed = await t.eks.send(
      new ListNodegroupsCommand({ clusterName: CLUSTER }),
    );
    expect(listed.nodegroups).toEqual(['system', 'app-on-demand', 'app-spot']);
    const [inventory] = eksInventory(t.sandbox.context).clusters();
    expect(inventory).toMatchObject({
      accountId: '111111111111',
      name: CLUSTER,
      status: 'ACTIVE',
      tags,
    });
    expect(
      inventory.nodegroups.map(ng => [
        ng.name,
        ng.capacityType,
        ng.desiredSize,
        ng.status,
      ]),
    ).toEqual([
      ['system', 'ON_DEMAND', 3, 'ACTIVE'],
      ['app-on-demand', 'ON_DEMAND', 3, 'ACTIVE'],
      ['app-spot', 'SPOT', 3, 'ACTIVE'],
    ]);
  });

  it('grants access through access entries', async () => {
    const before = await t.eks.send(
      new ListAccessEntriesCommand({ clusterName: CLUSTER }),
    );
    // The creator (bootstrapClusterCreatorAdminPermissions) and the node role (managed node groups).
    expect(before.accessEntries).toEqual([
      'arn:aws:iam::111111111111:user/sandbox',
      roles.node,
    ]);
    const entry = await t.eks.send(
      new CreateAccessEntryCommand({
        clusterName: CLUSTER,
        principalArn: ADMIN_ROLE,
        tags,
      }),
    );
    expect(entry.accessEntry).toMatchObject({
      clusterName: CLUSTER,
      principalArn: ADMIN_ROLE,
      type: 'STANDARD',
      username:
        'arn:aws:sts::111111111111:assumed-role/platform-admins/{{SessionName}}',
    });
    const policyArn =
      'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
    const associated = await t.eks.send(
      new AssociateAccessPolicyCommand({
        clusterName: CLUSTER,
        principalArn: ADMIN_ROLE,
        policyArn,
        accessScope: { type: 'cluster' },
      }),
    );
    expect(associated.associatedAccessPolicy).toMatchObject({
      policyArn,
      accessScope: { type: 'cluster' },
    });
    const policies = await t.eks.send(
      new ListAssociatedAccessPoliciesCommand({
        clusterName: CLUSTER,
        principalArn: ADMIN_ROLE,
      }),
    );
    expect(policies.associatedAccessPolicies?.map(p => p.policyArn)).toEqual([
      policyArn,
    ]);
  });

  it('tears the environment down in the order AWS requires', async () => {
    await expect(
      t.eks.send(new DeleteClusterCommand({ name: CLUSTER })),
    ).rejects.toMatchObject({
      name: 'ResourceInUseException',
      message: 'Cluster has nodegroups attached',
      $metadata: { httpStatusCode: 409 },
    });
    for (const group of spec.nodeGroups) {
      const deleting = await t.eks.send(
        new DeleteNodegroupCommand({
          clusterName: CLUSTER,
          nodegroupName: group.name,
        }),
      );
      expect(deleting.nodegroup?.status).toBe('DELETING');
    }
    for (const group of spec.nodeGroups) {
      await waitUntilNodegroupDeleted(
        { client: t.eks, ...FAST_WAITER },
        { clusterName: CLUSTER, nodegroupName: group.name },
      );
    }
    for (const addonName of EKS_ADDON_NAMES) {
      await t.eks.send(
        new DeleteAddonCommand({ clusterName: CLUSTER, addonName }),
      );
    }
    const deleting = await t.eks.send(
      new DeleteClusterCommand({ name: CLUSTER }),
    );
    expect(deleting.cluster?.status).toBe('DELETING');
    const waited = await waitUntilClusterDeleted(
      { client: t.eks, ...FAST_WAITER },
      { name: CLUSTER },
    );
    expect(waited.state).toBe('SUCCESS');
    expect((await t.eks.send(new ListClustersCommand({}))).clusters).toEqual(
      [],
    );
    const [inventory] = eksInventory(t.sandbox.context).clusters();
    expect(inventory.deletedAt).toBeGreaterThanOrEqual(inventory.createdAt);
    expect(inventory.nodegroups.every(ng => ng.deletedAt !== undefined)).toBe(
      true,
    );

    const scheduled = await t.kms.send(
      new ScheduleKeyDeletionCommand({ KeyId: keyArn, PendingWindowInDays: 7 }),
    );
    expect(scheduled.KeyState).toBe('PendingDeletion');
    expect(
      (await t.kms.send(new DescribeKeyCommand({ KeyId: keyArn }))).KeyMetadata
        ?.Enabled,
    ).toBe(false);
    await deleteEnvironmentRoles(t, 'dpj-prod');
  });
});
