import type { SeedEnvironment } from '../../seed/dpjEnvironments';
import { SandboxContext } from '../../core/types';
import { attachRolePolicy, createRole } from '../iam';
import { createKey, kmsStoreOf } from '../kms';
import { defaultAddonVersion, EKS_ADDON_NAMES } from './addonCatalog';
import { ALL_LOG_TYPES } from './clusterShape';
import { storeAddon } from './addons';
import { storeCluster } from './clusters';
import { eksStoreOf } from './eksStore';
import { activeSince } from './lifecycle';
import { storeNodegroup } from './nodegroups';

export interface SeedEnvironmentInput {
  accountId: string;
  region: string;
  spec: SeedEnvironment;
  /** Subnets the cluster and node groups use (the EC2 seed creates them). */
  privateSubnetIds: string[];
  /** Epoch milliseconds: creation time of everything seeded, already ACTIVE. */
  createdAt: number;
  /** VPC of the private subnets, shown in the cluster's resourcesVpcConfig. */
  vpcId?: string;
}

function trustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
      },
    ],
  });
}

const CLUSTER_ROLE_POLICIES = [
  'AmazonEKSClusterPolicy',
  'AmazonEKSVPCResourceController',
];
const NODE_ROLE_POLICIES = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryPullOnly',
  'AmazonSSMManagedInstanceCore',
  'service-role/AmazonEBSCSIDriverPolicy',
  'service-role/AmazonEFSCSIDriverPolicy',
];

function seedRole(
  context: SandboxContext,
  input: SeedEnvironmentInput,
  name: string,
  service: string,
  policies: string[],
): string {
  const tags = Object.entries(input.spec.tags).map(([Key, Value]) => ({
    Key,
    Value,
  }));
  const stored = createRole(
    context,
    input.accountId,
    {
      RoleName: name,
      AssumeRolePolicyDocument: trustPolicy(service),
      Tags: tags,
    },
    new Date(input.createdAt),
  );
  for (const policy of policies) {
    attachRolePolicy(
      context,
      input.accountId,
      name,
      `arn:aws:iam::aws:policy/${policy}`,
    );
  }
  return stored.role.Arn ?? '';
}

/**
 * Fills the sandbox with a provisioned environment, everything already ACTIVE: the IAM
 * cluster and node roles (`<name>-eks-cluster-role`, `<name>-eks-node-role`), a KMS key
 * (`alias/<name>-eks`), the cluster `<name>-cluster` with its six add-ons and one managed
 * node group per spec entry, all tagged with the spec's tags.
 */
export function seedEnvironment(
  context: SandboxContext,
  input: SeedEnvironmentInput,
): void {
  const { spec, accountId, region } = input;
  const createdAt = new Date(input.createdAt);
  const clusterRoleArn = seedRole(
    context,
    input,
    `${spec.name}-eks-cluster-role`,
    'eks.amazonaws.com',
    CLUSTER_ROLE_POLICIES,
  );
  const nodeRoleArn = seedRole(
    context,
    input,
    `${spec.name}-eks-node-role`,
    'ec2.amazonaws.com',
    NODE_ROLE_POLICIES,
  );

  const key = createKey(
    context,
    accountId,
    region,
    {
      Description: `${spec.name} EKS secrets encryption`,
      Tags: Object.entries(spec.tags).map(([TagKey, TagValue]) => ({
        TagKey,
        TagValue,
      })),
    },
    createdAt,
  );
  key.rotationPeriodInDays = 365;
  key.rotationEnabledAt = createdAt;
  kmsStoreOf(context, accountId, region).aliases.set(`alias/${spec.name}-eks`, {
    targetKeyId: key.metadata.KeyId,
    createdAt,
    updatedAt: createdAt,
  });

  const store = eksStoreOf(context, accountId, region);
  const cluster = storeCluster(
    context,
    {
      name: spec.clusterName,
      version: spec.kubernetesVersion,
      roleArn: clusterRoleArn,
      resourcesVpcConfig: {
        subnetIds: input.privateSubnetIds,
        endpointPublicAccess: spec.endpointAccess.public,
        endpointPrivateAccess: spec.endpointAccess.private,
        publicAccessCidrs: spec.endpointAccess.publicAccessCidrs,
      },
      logging: { clusterLogging: [{ types: ALL_LOG_TYPES, enabled: true }] },
      encryptionConfig: [
        { resources: ['secrets'], provider: { keyArn: key.metadata.Arn } },
      ],
      accessConfig: {
        authenticationMode: 'API',
        bootstrapClusterCreatorAdminPermissions: true,
      },
      tags: spec.tags,
    },
    {
      accountId,
      region,
      vpcId: input.vpcId,
      lifecycle: activeSince(input.createdAt),
    },
  );
  if (spec.insights) cluster.insights = spec.insights;

  for (const addonName of EKS_ADDON_NAMES) {
    storeAddon(
      store,
      cluster,
      {
        clusterName: spec.clusterName,
        addonName,
        addonVersion:
          defaultAddonVersion(addonName, spec.kubernetesVersion) ?? '',
        // The bank runs the EBS CSI driver with the cluster's name as its cluster id and
        // its cost tags on every volume (the seeded volumes carry them), and lets the add-on
        // make the default StorageClass.
        configurationValues:
          addonName === 'aws-ebs-csi-driver'
            ? JSON.stringify({
                controller: {
                  k8sTagClusterId: spec.clusterName,
                  extraVolumeTags: spec.tags,
                },
                defaultStorageClass: { enabled: true },
              })
            : undefined,
        tags: spec.tags,
      },
      activeSince(input.createdAt),
    );
  }

  for (const group of spec.nodeGroups) {
    storeNodegroup(
      store,
      cluster,
      {
        clusterName: spec.clusterName,
        nodegroupName: group.name,
        nodeRole: nodeRoleArn,
        subnets: input.privateSubnetIds,
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
        updateConfig: spec.nodeUpdateConfig,
        tags: spec.tags,
      },
      activeSince(input.createdAt),
    );
  }
}
