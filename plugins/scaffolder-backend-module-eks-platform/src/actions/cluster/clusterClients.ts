/** The AWS clients of the cluster action, and how their "not found" answers read. */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { awsErrorCode } from '../shared/awsErrors';

export interface ClusterClients {
  eks: EKSClient;
  iam: IAMClient;
  kms: KMSClient;
  ec2: EC2Client;
  /** For the load balancers the cluster's controller makes, which destroy removes. */
  elbv2: ElasticLoadBalancingV2Client;
  /** For the log group of the container logs. */
  logs: CloudWatchLogsClient;
}

export async function createClusterClients(
  aws: Pick<AwsClientFactory, 'create'>,
  target: { accountId: string; region: string },
): Promise<ClusterClients> {
  const [eks, iam, kms, ec2, elbv2, logs] = await Promise.all([
    aws.create(EKSClient, target),
    aws.create(IAMClient, target),
    aws.create(KMSClient, target),
    aws.create(EC2Client, target),
    aws.create(ElasticLoadBalancingV2Client, target),
    aws.create(CloudWatchLogsClient, target),
  ]);
  return { eks, iam, kms, ec2, elbv2, logs };
}

export function destroyClusterClients(clients: ClusterClients): void {
  Object.values(clients).forEach(client => client.destroy());
}

/**
 * "Not found" as IAM (`NoSuchEntityException`), EKS (`ResourceNotFoundException`) and KMS
 * (`NotFoundException`) say it; EC2's `…NotFound` too.
 */
export function isMissing(error: unknown): boolean {
  const code = awsErrorCode(error);
  return (
    code !== undefined &&
    (code.includes('NotFound') || code.startsWith('NoSuchEntity'))
  );
}

/** The value of a lookup, or undefined when the resource does not exist. */
export async function unlessMissing<T>(
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}
