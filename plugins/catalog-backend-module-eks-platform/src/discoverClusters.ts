/**
 * Finds the EKS clusters the environment template created, in the configured accounts and
 * regions, and describes each as a catalog entity. A cluster is the platform's when it
 * carries the `eks-platform:task-id` tag its create action puts on it; clusters made by
 * hand or by other tools are left to whoever registers them.
 */
import {
  DescribeClusterCommand,
  EKSClient,
  paginateListClusters,
  type Cluster,
} from '@aws-sdk/client-eks';
import type { Entity } from '@backstage/catalog-model';
import {
  clusterEntityFor,
  ENVIRONMENT_NAME_TAG,
  TASK_ID_TAG,
} from '@internal/plugin-eks-platform-common';
import type {
  AwsClientFactory,
  AwsTarget,
} from '@internal/plugin-eks-platform-node';

/** Only these states have an endpoint and certificate authority to register. */
const REGISTERED_STATES = new Set(['ACTIVE', 'UPDATING']);

export interface DiscoveredCluster {
  target: AwsTarget;
  entity: Entity;
}

/** The entity of one described cluster, or undefined when it is not the platform's (yet). */
export function entityOfCluster(
  cluster: Cluster,
  target: AwsTarget,
): Entity | undefined {
  const tags = cluster.tags ?? {};
  const environmentName = tags[ENVIRONMENT_NAME_TAG];
  if (!tags[TASK_ID_TAG] || !environmentName) return undefined;
  if (!REGISTERED_STATES.has(cluster.status ?? '')) return undefined;
  const endpoint = cluster.endpoint;
  const certificateAuthority = cluster.certificateAuthority?.data;
  if (!cluster.name || !endpoint || !certificateAuthority) return undefined;
  return clusterEntityFor({
    clusterName: cluster.name,
    environmentName,
    environment: tags.environment ?? 'dev',
    accountId: target.accountId,
    region: target.region,
    kubernetesVersion: cluster.version,
    endpoint,
    certificateAuthority,
    owner: tags.owner ?? 'group:default/platform-team',
    ...(tags.project ? { system: tags.project } : {}),
  });
}

/** Lists and describes the clusters of one account and region. */
export async function discoverClustersIn(
  aws: AwsClientFactory,
  target: AwsTarget,
): Promise<Entity[]> {
  const eks = await aws.create(EKSClient, target);
  const names: string[] = [];
  for await (const page of paginateListClusters({ client: eks }, {})) {
    names.push(...(page.clusters ?? []));
  }
  const entities: Entity[] = [];
  for (const name of names) {
    const { cluster } = await eks.send(new DescribeClusterCommand({ name }));
    const entity = cluster && entityOfCluster(cluster, target);
    if (entity) entities.push(entity);
  }
  return entities;
}
