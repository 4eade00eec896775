import { SELF_MANAGED_ADDONS } from './selfManagedAddons';
import { CreateClusterRequest } from '@aws-sdk/client-eks';
import { SandboxContext } from '../../core/types';
import { accessPolicyArn, addAccessEntry } from './accessEntries';
import {
  certificateAuthorityData,
  normaliseLogging,
  oidcIssuer,
} from './clusterShape';
import { eksStoreOf, StoredCluster } from './eksStore';
import { Lifecycle } from './lifecycle';

/** The identity STS reports for every sandbox caller: the creator of what it creates. */
export function callerArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:user/sandbox`;
}

export interface ClusterPlacement {
  accountId: string;
  region: string;
  vpcId?: string;
  /** The cluster security group; a fresh id when none is given. */
  clusterSecurityGroupId?: string;
  lifecycle: Lifecycle;
}

/** EKS opens a public endpoint to the whole internet when no CIDR is given. */
function openTo(cidrs: string[] | undefined): string[] {
  return cidrs && cidrs.length > 0 ? cidrs : ['0.0.0.0/0'];
}

/**
 * Stores a cluster built from a request that has already been validated; used by
 * CreateCluster and by seeding. Fills in the defaults EKS applies.
 */
export function storeCluster(
  context: SandboxContext,
  input: CreateClusterRequest & { name: string; version: string },
  placement: ClusterPlacement,
): StoredCluster {
  const { accountId, region, lifecycle } = placement;
  const store = eksStoreOf(context, accountId, region);
  const vpc = input.resourcesVpcConfig ?? {};
  const publicAccess = vpc.endpointPublicAccess ?? true;
  const accessConfig = {
    authenticationMode:
      input.accessConfig?.authenticationMode ?? 'API_AND_CONFIG_MAP',
    bootstrapClusterCreatorAdminPermissions:
      input.accessConfig?.bootstrapClusterCreatorAdminPermissions ?? true,
  };
  const stored: StoredCluster = {
    cluster: {
      name: input.name,
      arn: store.arn(`cluster/${input.name}`),
      createdAt: new Date(lifecycle.createdAt),
      version: input.version,
      roleArn: input.roleArn,
      resourcesVpcConfig: {
        subnetIds: vpc.subnetIds ?? [],
        securityGroupIds: vpc.securityGroupIds ?? [],
        clusterSecurityGroupId:
          placement.clusterSecurityGroupId ?? context.state.nextId('sg'),
        vpcId: placement.vpcId,
        endpointPublicAccess: publicAccess,
        endpointPrivateAccess: vpc.endpointPrivateAccess ?? false,
        publicAccessCidrs: publicAccess ? openTo(vpc.publicAccessCidrs) : [],
      },
      kubernetesNetworkConfig: {
        serviceIpv4Cidr:
          input.kubernetesNetworkConfig?.serviceIpv4Cidr ?? '172.20.0.0/16',
        ipFamily: input.kubernetesNetworkConfig?.ipFamily ?? 'ipv4',
        elasticLoadBalancing: { enabled: false },
      },
      logging: normaliseLogging(input.logging),
      clientRequestToken: input.clientRequestToken,
      platformVersion: 'eks.1',
      tags: input.tags ?? {},
      encryptionConfig: input.encryptionConfig,
      health: { issues: [] },
      accessConfig,
      upgradePolicy: {
        supportType: input.upgradePolicy?.supportType ?? 'EXTENDED',
      },
      deletionProtection: input.deletionProtection ?? false,
    },
    lifecycle,
    clientRequestToken: input.clientRequestToken,
    certificateAuthorityData: certificateAuthorityData(context),
    oidcIssuer: oidcIssuer(region),
    nodegroups: [],
    addons: [],
    podIdentityAssociations: [],
    podIdentityTokens: new Map(),
    selfManagedAddons: new Set(
      input.bootstrapSelfManagedAddons === false ? [] : SELF_MANAGED_ADDONS,
    ),
    accessEntries: new Map(),
    updates: [],
  };
  store.clusters.push(stored);
  if (
    accessConfig.bootstrapClusterCreatorAdminPermissions &&
    accessConfig.authenticationMode !== 'CONFIG_MAP'
  ) {
    const createdAt = new Date(lifecycle.createdAt);
    const creator = addAccessEntry(
      store,
      stored,
      { principalArn: callerArn(accountId) },
      createdAt,
    );
    creator.policies.push({
      policyArn: accessPolicyArn('AmazonEKSClusterAdminPolicy'),
      accessScope: { type: 'cluster', namespaces: [] },
      associatedAt: createdAt,
      modifiedAt: createdAt,
    });
  }
  return stored;
}
