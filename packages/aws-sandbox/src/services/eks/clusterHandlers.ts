import {
  CreateClusterRequest,
  CreateClusterResponse,
  DeleteClusterResponse,
  DescribeClusterResponse,
  ListClustersResponse,
} from '@aws-sdk/client-eks';
import { AWS_DURATIONS } from '../../core/clock';
import { clusterView } from './clusterShape';
import { storeCluster } from './clusters';
import { logsStoreOf } from '../cloudwatchLogs';
import {
  defaultClusterVersion,
  describeClusterVersions,
  isCreatableVersion,
} from './clusterVersions';
import { clusterNotFound, invalidParameter, resourceInUse } from './eksErrors';
import { liveNodegroups, StoredCluster } from './eksStore';
import { EksCall, EksHandler, requestOf } from './handlerTypes';
import { startDeletion, startLifecycle } from './lifecycle';
import { pageByToken } from './pagination';

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;

export function liveClusterOrThrow(call: EksCall, name: string): StoredCluster {
  const stored = call.store.liveCluster(name, call.context.clock.nowMillis());
  if (!stored) throw clusterNotFound(name);
  return stored;
}

/** Checks subnets as EKS does: they exist, share one VPC and span two AZs. Returns the VPC. */
function checkSubnets(call: EksCall, subnetIds: string[]): string {
  if (subnetIds.length === 0) {
    throw invalidParameter(
      'Subnets specified must be in at least two different AZs',
    );
  }
  const found = call.deps.subnets(
    call.context,
    call.accountId,
    call.region,
    subnetIds,
  );
  const missing = subnetIds.find(id => !found.some(subnet => subnet.id === id));
  if (missing)
    throw invalidParameter(`The subnet ID '${missing}' does not exist`);
  const vpcIds = new Set(found.map(subnet => subnet.vpcId));
  if (vpcIds.size > 1)
    throw invalidParameter('Subnets specified must be in the same VPC');
  if (new Set(found.map(subnet => subnet.availabilityZone)).size < 2) {
    throw invalidParameter(
      'Subnets specified must be in at least two different AZs',
    );
  }
  return [...vpcIds][0];
}

/**
 * EKS assumes the cluster role (eks.amazonaws.com) and the node role (ec2.amazonaws.com)
 * when it receives the request; a role it cannot assume yet, because IAM has not propagated
 * it, is refused the same way as a missing or mistrusting one. The wording is EKS's (quoted
 * by the Kubernetes EKS controllers that retry on it).
 */
export function checkRole(
  call: EksCall,
  roleArn: string | undefined,
  /** The principal EKS assumes it as; undefined when only existence is checked. */
  service: 'eks.amazonaws.com' | 'ec2.amazonaws.com' | undefined,
): void {
  const seen = roleArn
    ? call.deps.roles(call.context, call.accountId, roleArn)
    : undefined;
  const trusted = !service || seen?.trusts(service, ['sts:AssumeRole']);
  if (!seen || seen.propagating || !trusted) {
    throw invalidParameter(
      `Role with arn: ${roleArn}, could not be assumed because it does not exist or the trusted entity is not correct`,
    );
  }
}

const createCluster: EksHandler = call => {
  const input = requestOf<CreateClusterRequest>(call);
  const { context } = call;
  const name = input.name ?? '';
  if (!CLUSTER_NAME.test(name)) {
    throw invalidParameter(
      `The cluster name ${name} must start with an alphanumeric character and contain only alphanumeric characters, hyphens and underscores (100 at most).`,
    );
  }
  const existing = call.store.liveCluster(name, context.clock.nowMillis());
  if (existing) {
    if (
      input.clientRequestToken &&
      existing.clientRequestToken === input.clientRequestToken
    ) {
      const repeat: CreateClusterResponse = {
        cluster: clusterView(existing, context, call.accountId, call.region),
      };
      return repeat;
    }
    throw resourceInUse(`Cluster already exists with name: ${name}`);
  }
  const today = context.clock.now();
  const version = input.version ?? defaultClusterVersion(today) ?? '';
  if (!isCreatableVersion(version, today)) {
    throw invalidParameter(`unsupported Kubernetes version ${version}`);
  }
  const vpc = input.resourcesVpcConfig ?? {};
  if (
    vpc.endpointPublicAccess === false &&
    vpc.endpointPrivateAccess === false
  ) {
    throw invalidParameter(
      'The cluster endpoint must be public, private or both: endpointPublicAccess and endpointPrivateAccess cannot both be false',
    );
  }
  const vpcId = checkSubnets(call, vpc.subnetIds ?? []);
  checkRole(call, input.roleArn, 'eks.amazonaws.com');
  const stored = storeCluster(
    context,
    { ...input, name, version },
    {
      accountId: call.accountId,
      region: call.region,
      vpcId,
      clusterSecurityGroupId: call.deps.clusterSecurityGroups(context, {
        accountId: call.accountId,
        region: call.region,
        vpcId,
        clusterName: name,
      }),
      lifecycle: startLifecycle(context.clock, AWS_DURATIONS.clusterCreate),
    },
  );
  createControlPlaneLogGroup(call, name, input.logging);
  const result: CreateClusterResponse = {
    cluster: clusterView(stored, context, call.accountId, call.region),
  };
  return result;
};

/**
 * With any control-plane log type enabled, EKS sends them to `/aws/eks/<cluster>/cluster`,
 * creating the group (never-expiring, untagged) unless it exists ("Send control plane logs
 * to CloudWatch Logs", EKS User Guide).
 */
function createControlPlaneLogGroup(
  call: EksCall,
  clusterName: string,
  logging: CreateClusterRequest['logging'],
): void {
  const enabled = (logging?.clusterLogging ?? []).some(
    setup => setup.enabled && (setup.types ?? []).length > 0,
  );
  if (!enabled) return;
  const logs = logsStoreOf(call.context, call.accountId, call.region);
  const logGroupName = `/aws/eks/${clusterName}/cluster`;
  if (logs.groups.has(logGroupName)) return;
  logs.groups.set(logGroupName, {
    logGroupName,
    creationTime: call.context.clock.nowMillis(),
    tags: new Map(),
    streams: new Map(),
  });
}

const describeCluster: EksHandler = call => {
  const stored = liveClusterOrThrow(call, call.params.name);
  const result: DescribeClusterResponse = {
    cluster: clusterView(stored, call.context, call.accountId, call.region),
  };
  return result;
};

const listClusters: EksHandler = call => {
  const names = call.store
    .liveClusters(call.context.clock.nowMillis())
    .map(stored => stored.cluster.name ?? '');
  const page = pageByToken(names, call.query);
  const result: ListClustersResponse = {
    clusters: page.items,
    nextToken: page.nextToken,
  };
  return result;
};

const deleteCluster: EksHandler = call => {
  const stored = liveClusterOrThrow(call, call.params.name);
  const now = call.context.clock.nowMillis();
  if (liveNodegroups(stored, now).length > 0) {
    throw resourceInUse('Cluster has nodegroups attached');
  }
  if (stored.cluster.deletionProtection) {
    throw invalidParameter(
      'Cannot delete cluster because deletion protection is enabled. Disable deletion protection and try again.',
    );
  }
  startDeletion(
    stored.lifecycle,
    call.context.clock,
    AWS_DURATIONS.clusterDelete,
  );
  // Add-ons and access entries go with the cluster.
  for (const addon of stored.addons) {
    startDeletion(
      addon.lifecycle,
      call.context.clock,
      AWS_DURATIONS.addonDelete,
    );
  }
  stored.accessEntries.clear();
  const result: DeleteClusterResponse = {
    cluster: clusterView(stored, call.context, call.accountId, call.region),
  };
  return result;
};

export const CLUSTER_HANDLERS: Record<string, EksHandler> = {
  CreateCluster: createCluster,
  DescribeCluster: describeCluster,
  ListClusters: listClusters,
  DeleteCluster: deleteCluster,
  DescribeClusterVersions: describeClusterVersions,
};
