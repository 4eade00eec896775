/**
 * The security group EKS creates for a cluster (`eks-cluster-sg-<cluster>-<suffix>`) lives
 * in the environment's VPC but carries none of the environment's tags, so the network's
 * delete function does not see it. EKS normally deletes it with the cluster; when one is
 * left behind (as the sandbox does, and as AWS does when an ENI lingered), the VPC cannot
 * be deleted. Found by name inside the environment's VPCs only, deleted once the cluster
 * is gone.
 */
import {
  DeleteSecurityGroupCommand,
  EC2Client,
  paginateDescribeSecurityGroups,
  SecurityGroup,
} from '@aws-sdk/client-ec2';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { isNotFound } from '../shared/awsErrors';
import { collect } from '../network/discovery';

export async function findClusterSecurityGroups(
  ec2: EC2Client,
  clusterName: string,
  vpcIds: string[],
): Promise<SecurityGroup[]> {
  if (vpcIds.length === 0) return [];
  const groups = await collect(
    paginateDescribeSecurityGroups(
      { client: ec2 },
      { Filters: [{ Name: 'vpc-id', Values: vpcIds }] },
    ),
    page => page.SecurityGroups,
  );
  const name = `eks-cluster-sg-${clusterName}`;
  return groups.filter(
    g => g.GroupName === name || g.GroupName?.startsWith(`${name}-`),
  );
}

/** Finds the cluster's leftover groups in the VPCs and deletes them; returns them. */
export async function deleteClusterSecurityGroups(
  ec2: EC2Client,
  clusterName: string,
  vpcIds: string[],
  logger: Pick<LoggerService, 'info'>,
): Promise<SecurityGroup[]> {
  const groups = await findClusterSecurityGroups(ec2, clusterName, vpcIds);
  // One already gone counts as deleted.
  for (const group of groups) {
    try {
      await ec2.send(
        new DeleteSecurityGroupCommand({ GroupId: group.GroupId }),
      );
      logger.info(
        `Deleted security group ${group.GroupId} (${group.GroupName}), left behind by EKS`,
      );
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  return groups;
}
