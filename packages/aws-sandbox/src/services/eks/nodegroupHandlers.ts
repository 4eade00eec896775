import {
  CreateNodegroupRequest,
  CreateNodegroupResponse,
  DeleteNodegroupResponse,
  DescribeNodegroupResponse,
  ListNodegroupsResponse,
} from '@aws-sdk/client-eks';
import { AWS_DURATIONS } from '../../core/clock';
import { checkRole, liveClusterOrThrow } from './clusterHandlers';
import {
  invalidParameter,
  invalidRequest,
  resourceInUse,
  resourceNotFound,
} from './eksErrors';
import { liveNodegroups, StoredCluster, StoredNodegroup } from './eksStore';
import { EksCall, EksHandler, requestOf } from './handlerTypes';
import { phaseOf, startDeletion, startLifecycle } from './lifecycle';
import { checkScaling, nodegroupView, storeNodegroup } from './nodegroups';
import { pageByToken } from './pagination';

const NODEGROUP_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,62}$/;
const CAPACITY_TYPES = ['ON_DEMAND', 'SPOT', 'CAPACITY_BLOCK'];
const TAINT_EFFECTS = ['NO_SCHEDULE', 'NO_EXECUTE', 'PREFER_NO_SCHEDULE'];

export function liveNodegroupOrThrow(
  call: EksCall,
  cluster: StoredCluster,
  name: string,
): StoredNodegroup {
  const now = call.context.clock.nowMillis();
  const stored = liveNodegroups(cluster, now).find(
    ng => ng.nodegroup.nodegroupName === name,
  );
  if (!stored) throw resourceNotFound(`No node group found for name: ${name}.`);
  return stored;
}

export function checkClusterActive(
  call: EksCall,
  cluster: StoredCluster,
): void {
  const phase = phaseOf(cluster.lifecycle, call.context.clock.nowMillis());
  if (phase !== 'ACTIVE') {
    throw invalidRequest(
      `Cluster '${cluster.cluster.name}' is not in ACTIVE status`,
    );
  }
}

export function checkTaintEffects(taints: { effect?: string }[]): void {
  const bad = taints.find(taint => !TAINT_EFFECTS.includes(taint.effect ?? ''));
  if (bad) throw invalidParameter(`Taint effect ${bad.effect} is not valid`);
}

function checkNodegroupInput(
  call: EksCall,
  cluster: StoredCluster,
  input: CreateNodegroupRequest,
) {
  checkRole(call, input.nodeRole, 'ec2.amazonaws.com');
  const subnetIds = input.subnets ?? [];
  if (subnetIds.length === 0) throw invalidParameter('Subnets are required');
  const found = call.deps.subnets(
    call.context,
    call.accountId,
    call.region,
    subnetIds,
  );
  const missing = subnetIds.find(id => !found.some(subnet => subnet.id === id));
  if (missing)
    throw invalidParameter(`The subnet ID '${missing}' does not exist`);
  const clusterVpc = cluster.cluster.resourcesVpcConfig?.vpcId;
  if (found.some(subnet => subnet.vpcId !== clusterVpc)) {
    throw invalidParameter('Subnets are not in the same VPC as the cluster');
  }
  const template = input.launchTemplate;
  if (template) {
    if (template.id && template.name) {
      throw invalidParameter(
        'Either launch template ID or name can be specified, but not both.',
      );
    }
    if (!template.id && !template.name) {
      throw invalidParameter(
        'Either launch template ID or name must be specified.',
      );
    }
    if (input.diskSize !== undefined) {
      throw invalidParameter(
        'Disk size must be specified within the launch template.',
      );
    }
    if (input.remoteAccess) {
      throw invalidParameter(
        'Remote access configuration cannot be specified with a launch template.',
      );
    }
  }
  if (input.capacityType && !CAPACITY_TYPES.includes(input.capacityType)) {
    throw invalidParameter(`Capacity type ${input.capacityType} is not valid`);
  }
  checkTaintEffects(input.taints ?? []);
  checkScaling({
    minSize: input.scalingConfig?.minSize ?? 1,
    maxSize: input.scalingConfig?.maxSize ?? 2,
    desiredSize: input.scalingConfig?.desiredSize ?? 2,
  });
}

const createNodegroup: EksHandler = call => {
  const input = requestOf<CreateNodegroupRequest>(call);
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const name = input.nodegroupName ?? '';
  if (!NODEGROUP_NAME.test(name)) {
    throw invalidParameter(`Nodegroup name ${name} is not valid`);
  }
  const now = call.context.clock.nowMillis();
  const existing = liveNodegroups(cluster, now).find(
    ng => ng.nodegroup.nodegroupName === name,
  );
  if (existing) {
    if (
      input.clientRequestToken &&
      existing.clientRequestToken === input.clientRequestToken
    ) {
      const repeat: CreateNodegroupResponse = {
        nodegroup: nodegroupView(existing, now),
      };
      return repeat;
    }
    throw resourceInUse(
      `NodeGroup already exists with name ${name} and cluster name ${cluster.cluster.name}`,
    );
  }
  checkClusterActive(call, cluster);
  checkNodegroupInput(call, cluster, input);
  const stored = storeNodegroup(
    call.store,
    cluster,
    { ...input, nodegroupName: name },
    startLifecycle(call.context.clock, AWS_DURATIONS.nodegroupCreate),
  );
  const result: CreateNodegroupResponse = {
    nodegroup: nodegroupView(stored, now),
  };
  return result;
};

const describeNodegroup: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const stored = liveNodegroupOrThrow(call, cluster, call.params.nodegroupName);
  const result: DescribeNodegroupResponse = {
    nodegroup: nodegroupView(stored, call.context.clock.nowMillis()),
  };
  return result;
};

const listNodegroups: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const names = liveNodegroups(cluster, call.context.clock.nowMillis()).map(
    ng => ng.nodegroup.nodegroupName ?? '',
  );
  const page = pageByToken(names, call.query);
  const result: ListNodegroupsResponse = {
    nodegroups: page.items,
    nextToken: page.nextToken,
  };
  return result;
};

const deleteNodegroup: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const stored = liveNodegroupOrThrow(call, cluster, call.params.nodegroupName);
  startDeletion(
    stored.lifecycle,
    call.context.clock,
    AWS_DURATIONS.nodegroupDelete,
  );
  const result: DeleteNodegroupResponse = {
    nodegroup: nodegroupView(stored, call.context.clock.nowMillis()),
  };
  return result;
};

export const NODEGROUP_HANDLERS: Record<string, EksHandler> = {
  CreateNodegroup: createNodegroup,
  DescribeNodegroup: describeNodegroup,
  ListNodegroups: listNodegroups,
  DeleteNodegroup: deleteNodegroup,
};
