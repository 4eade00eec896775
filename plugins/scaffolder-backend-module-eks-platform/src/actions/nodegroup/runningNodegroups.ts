/**
 * What a resize works from and on: the cluster's node groups and private subnets as EKS
 * and EC2 report them, and one scaling update.
 */
import { DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  paginateListNodegroups,
  UpdateNodegroupConfigCommand,
} from '@aws-sdk/client-eks';
import type {
  NodeGroupSizes,
  RunningNodeGroup,
  RunningSubnet,
} from '@internal/plugin-eks-platform-common';

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
