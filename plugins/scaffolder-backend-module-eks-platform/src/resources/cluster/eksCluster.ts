/**
 * The EKS cluster: found by name, created with the secure defaults below and waited for
 * until ACTIVE (about 10 minutes); deleted with the add-ons and access entries it holds.
 */
import {
  Cluster,
  CreateClusterCommand,
  DeleteClusterCommand,
  DescribeClusterCommand,
  EKSClient,
  waitUntilClusterActive,
  waitUntilClusterDeleted,
} from '@aws-sdk/client-eks';
import type { ListFilter } from '../../engine/types';
import { unlessMissing } from '../../actions/cluster/clusterClients';
import {
  arnPart,
  ClusterContext,
  ClusterHandler,
  clusterOf,
  existing,
  isListed,
  nodeTagMap,
  waitFor,
} from './clusterResources';

const LIVE_STATES = ['CREATING', 'ACTIVE', 'UPDATING', 'PENDING'];

export const describeCluster = (eks: EKSClient, name: string) =>
  unlessMissing(() => eks.send(new DescribeClusterCommand({ name }))).then(
    r => r?.cluster,
  );

const asExisting = (cluster: Cluster) =>
  existing(cluster.arn!, cluster.name!, cluster.tags, {
    state: cluster.status,
  });

/** Whether destroy deletes the cluster itself: what it holds then goes with it. */
export async function clusterGoesWith(
  c: Pick<ClusterContext, 'spec'> & { clients: { eks: EKSClient } },
  filter: ListFilter,
): Promise<boolean> {
  const cluster = await describeCluster(c.clients.eks, clusterOf(c));
  return cluster !== undefined && isListed(cluster.tags, filter);
}

export const eksCluster: ClusterHandler = {
  label: 'EKS cluster',
  tokened: true,
  async find(node, _refs, c) {
    const cluster = await describeCluster(c.clients.eks, node.name);
    if (!cluster) return { live: [] };
    // A FAILED or DELETING cluster is not reused, nor is its ClientToken replayed.
    return LIVE_STATES.includes(cluster.status ?? '')
      ? { live: [asExisting(cluster)] }
      : { live: [], gone: 1 };
  },
  async create(node, refs, c, clientRequestToken) {
    const { endpointAccess } = c.spec;
    const { cluster } = await c.clients.eks.send(
      new CreateClusterCommand({
        name: node.name,
        version: String(node.properties.version),
        roleArn: refs.role,
        resourcesVpcConfig: {
          subnetIds: node.properties.subnetIds as string[],
          endpointPrivateAccess: true,
          endpointPublicAccess: endpointAccess.public,
          ...(endpointAccess.public
            ? { publicAccessCidrs: endpointAccess.publicAccessCidrs }
            : {}),
        },
        logging: {
          clusterLogging: [
            {
              types: node.properties.logTypes as string[] as any,
              enabled: true,
            },
          ],
        },
        encryptionConfig: [
          { resources: ['secrets'], provider: { keyArn: refs.secretsKey } },
        ],
        accessConfig: {
          authenticationMode: 'API',
          bootstrapClusterCreatorAdminPermissions: false,
        },
        upgradePolicy: { supportType: 'STANDARD' },
        // The add-on nodes install vpc-cni, kube-proxy and coredns as managed add-ons;
        // unmanaged copies would make their configured take-over fail with a conflict.
        bootstrapSelfManagedAddons: false,
        clientRequestToken,
        tags: nodeTagMap(c, node),
      }),
    );
    return cluster!.arn!;
  },
  async waitUntilReady(_id, node, c) {
    await waitFor(c, `EKS cluster ${node.name} to become ACTIVE`, timing =>
      waitUntilClusterActive(
        { client: c.clients.eks, ...timing },
        { name: node.name },
      ),
    );
  },
  async list(c, filter) {
    const cluster = await describeCluster(c.clients.eks, clusterOf(c));
    return cluster && isListed(cluster.tags, filter)
      ? [asExisting(cluster)]
      : [];
  },
  async delete(resource, c) {
    if (resource.state !== 'DELETING') {
      await unlessMissing(() =>
        c.clients.eks.send(
          new DeleteClusterCommand({ name: arnPart(resource.id, 0) }),
        ),
      );
    }
    return true;
  },
  async waitUntilDeleted(ids, c) {
    for (const name of ids.map(id => arnPart(id, 0))) {
      await waitFor(c, `cluster ${name} to be deleted`, timing =>
        waitUntilClusterDeleted({ client: c.clients.eks, ...timing }, { name }),
      );
    }
  },
};
