/**
 * What already exists of an environment, read from its two anchors: the VPC (the first
 * thing the network step creates) and the EKS cluster. Their tags say which task created
 * them, for which owner and preset: what decides whether another task may touch them.
 */
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeClusterCommand,
  EKSClient,
  paginateListClusters,
} from '@aws-sdk/client-eks';
import {
  clusterName,
  ENVIRONMENT_NAME_TAG,
  TASK_ID_TAG,
} from '@internal/plugin-eks-platform-common';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { unlessMissing } from '../cluster/clusterClients';

/** Listed first, so that an environment not created yet costs no error answer. */
async function clusterIfListed(eks: EKSClient, name: string) {
  for await (const page of paginateListClusters({ client: eks }, {})) {
    if (page.clusters?.includes(name)) {
      return unlessMissing(() =>
        eks.send(new DescribeClusterCommand({ name })),
      );
    }
  }
  return undefined;
}

export interface ExistingEnvironment {
  /** "VPC vpc-0ab", "EKS cluster dpj-prod-cluster": what was found. */
  anchors: string[];
  /** `eks-platform:task-id` values of the anchors. */
  taskIds: string[];
  /** Anchors without an `eks-platform:task-id` tag. */
  untagged: string[];
  /** `owner` tag values of the anchors. */
  owners: string[];
  /** `environment` tag values (the preset) of the anchors. */
  presets: string[];
}

const unique = (values: (string | undefined)[]) =>
  [...new Set(values.filter((v): v is string => !!v))].sort();

export async function findExistingEnvironment(
  aws: Pick<AwsClientFactory, 'create'>,
  target: { account: string; region: string; name: string },
): Promise<ExistingEnvironment> {
  const client = { accountId: target.account, region: target.region };
  const [ec2, eks] = await Promise.all([
    aws.create(EC2Client, client),
    aws.create(EKSClient, client),
  ]);
  try {
    const [{ Vpcs = [] }, cluster] = await Promise.all([
      ec2.send(
        new DescribeVpcsCommand({
          Filters: [
            { Name: `tag:${ENVIRONMENT_NAME_TAG}`, Values: [target.name] },
          ],
        }),
      ),
      clusterIfListed(eks, clusterName(target)),
    ]);
    const tagged = [
      ...Vpcs.map(vpc => ({
        anchor: `VPC ${vpc.VpcId}`,
        tags: Object.fromEntries(
          (vpc.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']),
        ),
      })),
      ...(cluster?.cluster
        ? [
            {
              anchor: `EKS cluster ${cluster.cluster.name}`,
              tags: cluster.cluster.tags ?? {},
            },
          ]
        : []),
    ];
    return {
      anchors: tagged.map(t => t.anchor),
      taskIds: unique(tagged.map(t => t.tags[TASK_ID_TAG])),
      untagged: tagged.filter(t => !t.tags[TASK_ID_TAG]).map(t => t.anchor),
      owners: unique(tagged.map(t => t.tags.owner)),
      presets: unique(tagged.map(t => t.tags.environment)),
    };
  } finally {
    ec2.destroy();
    eks.destroy();
  }
}
