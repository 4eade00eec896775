/**
 * What a resize works from and on: the cluster's node groups and private subnets as EKS
 * and EC2 report them, and one scaling update, waited for with DescribeUpdate.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  DescribeUpdateCommand,
  EKSClient,
  paginateListNodegroups,
  Update,
  UpdateNodegroupConfigCommand,
} from '@aws-sdk/client-eks';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  NodeGroupSizes,
  RunningNodeGroup,
  RunningSubnet,
} from '@internal/plugin-eks-platform-common';
import { waitWithProgress, WaitSettings } from '../shared/waiting';

export interface RunningCluster {
  nodeGroups: RunningNodeGroup[];
  /** The subnets the node groups run in, one row per zone. */
  subnets: RunningSubnet[];
}

export async function readRunningCluster(
  clients: { eks: EKSClient; ec2: EC2Client },
  clusterName: string,
): Promise<RunningCluster> {
  const { eks, ec2 } = clients;
  // Throws ResourceNotFoundException, naming the cluster, when there is none.
  await eks.send(new DescribeClusterCommand({ name: clusterName }));
  const names: string[] = [];
  for await (const page of paginateListNodegroups(
    { client: eks },
    { clusterName },
  )) {
    names.push(...(page.nodegroups ?? []));
  }
  const described = await Promise.all(
    names.map(async nodegroupName => {
      const { nodegroup } = await eks.send(
        new DescribeNodegroupCommand({ clusterName, nodegroupName }),
      );
      return nodegroup!;
    }),
  );
  const subnetIds = [...new Set(described.flatMap(g => g.subnets ?? []))];
  const { Subnets = [] } = subnetIds.length
    ? await ec2.send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }))
    : {};
  return {
    nodeGroups: described.map(group => ({
      name: group.nodegroupName!,
      instanceTypes: group.instanceTypes ?? [],
      minSize: group.scalingConfig?.minSize ?? 0,
      desiredSize: group.scalingConfig?.desiredSize ?? 0,
      maxSize: group.scalingConfig?.maxSize ?? 0,
      status: group.status ?? 'UNKNOWN',
    })),
    subnets: Subnets.map(subnet => ({
      availabilityZone: subnet.AvailabilityZone!,
      cidr: subnet.CidrBlock!,
    })).sort((a, b) => a.availabilityZone.localeCompare(b.availabilityZone)),
  };
}

const DONE = ['Successful', 'Failed', 'Cancelled'];

/**
 * UpdateNodegroupConfig with the new sizes; the client request token makes a retry of the
 * same task's same change one update, not two. Answers the update's id.
 */
export async function startScaling(
  eks: EKSClient,
  options: {
    clusterName: string;
    nodegroupName: string;
    sizes: NodeGroupSizes;
    clientRequestToken: string;
  },
): Promise<string> {
  const { update } = await eks.send(
    new UpdateNodegroupConfigCommand({
      clusterName: options.clusterName,
      nodegroupName: options.nodegroupName,
      scalingConfig: options.sizes,
      clientRequestToken: options.clientRequestToken,
    }),
  );
  return update!.id!;
}

/** DescribeUpdate until EKS says the update succeeded; a failed one names EKS's errors. */
export async function waitForUpdate(
  eks: EKSClient,
  options: {
    clusterName: string;
    nodegroupName: string;
    updateId: string;
    logger: Pick<LoggerService, 'info' | 'warn'>;
    settings: WaitSettings;
  },
): Promise<Update> {
  const { clusterName, nodegroupName, updateId } = options;
  return waitWithProgress({
    logger: options.logger,
    what: `the scaling update ${updateId} of node group ${nodegroupName}`,
    settings: options.settings,
    wait: async timing => {
      const deadline = Date.now() + timing.maxWaitTime * 1000;
      let delay = timing.minDelay;
      for (;;) {
        const { update } = await eks.send(
          new DescribeUpdateCommand({
            name: clusterName,
            nodegroupName,
            updateId,
          }),
        );
        if (update?.status === 'Successful') return update;
        if (update?.status && DONE.includes(update.status)) {
          const errors = (update.errors ?? [])
            .map(e => `${e.errorCode}: ${e.errorMessage}`)
            .join('; ');
          throw new Error(
            `EKS's update ${updateId} of node group ${nodegroupName} is ${
              update.status
            }${errors ? ` (${errors})` : ''}`,
          );
        }
        if (Date.now() + delay * 1000 > deadline) {
          throw new Error(
            `The update ${updateId} of node group ${nodegroupName} was still ${update?.status} after ${timing.maxWaitTime}s`,
          );
        }
        await sleep(delay * 1000);
        delay = Math.min(delay * 2, timing.maxDelay);
      }
    },
  });
}
