/**
 * EKS Pod Identity associations the cluster step makes itself (those of add-ons are the
 * add-ons' own, made and deleted with them): one per service account, found by namespace
 * and service account, created with a ClientToken. They go with the cluster on destroy;
 * alone when the cluster stays.
 */
import {
  CreatePodIdentityAssociationCommand,
  DeletePodIdentityAssociationCommand,
  DescribePodIdentityAssociationCommand,
  EKSClient,
  ListPodIdentityAssociationsCommand,
  PodIdentityAssociation,
} from '@aws-sdk/client-eks';
import type { ResourceNode } from '@internal/plugin-eks-platform-common';
import { unlessMissing } from '../../actions/cluster/clusterClients';
import {
  arnPart,
  ClusterHandler,
  clusterOf,
  existing,
  isListed,
  nodeTagMap,
} from './clusterResources';
import { clusterGoesWith } from './eksCluster';

/** The association of the node's service account, with its tags (List returns none). */
async function associationOf(
  eks: EKSClient,
  clusterName: string,
  node: ResourceNode,
): Promise<PodIdentityAssociation | undefined> {
  const listed = await unlessMissing(() =>
    eks.send(
      new ListPodIdentityAssociationsCommand({
        clusterName,
        namespace: String(node.properties.namespace),
        serviceAccount: String(node.properties.serviceAccount),
      }),
    ),
  );
  const summary = listed?.associations?.[0];
  if (!summary) return undefined;
  const described = await unlessMissing(() =>
    eks.send(
      new DescribePodIdentityAssociationCommand({
        clusterName,
        associationId: summary.associationId!,
      }),
    ),
  );
  return described?.association;
}

const asExisting = (association: PodIdentityAssociation) =>
  existing(
    association.associationArn!,
    `${association.namespace}/${association.serviceAccount} → ${association.roleArn}`,
    association.tags,
    { properties: { roleArn: association.roleArn ?? '' } },
  );

export const podIdentityAssociation: ClusterHandler = {
  label: 'Pod Identity association',
  tokened: true,
  async find(node, _refs, c) {
    const association = await associationOf(c.clients.eks, clusterOf(c), node);
    return { live: association ? [asExisting(association)] : [] };
  },
  async create(node, refs, c, clientRequestToken) {
    const { association } = await c.clients.eks.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: clusterOf(c),
        namespace: String(node.properties.namespace),
        serviceAccount: String(node.properties.serviceAccount),
        roleArn: refs.role,
        clientRequestToken,
        tags: nodeTagMap(c, node),
      }),
    );
    return association!.associationArn!;
  },
  async list(c, filter, nodes) {
    if (await clusterGoesWith(c, filter)) return [];
    const associations = await Promise.all(
      nodes.map(n => associationOf(c.clients.eks, clusterOf(c), n)),
    );
    return associations
      .filter(
        (a): a is PodIdentityAssociation => !!a && isListed(a.tags, filter),
      )
      .map(asExisting);
  },
  async delete(resource, c) {
    await unlessMissing(() =>
      c.clients.eks.send(
        new DeletePodIdentityAssociationCommand({
          clusterName: clusterOf(c),
          associationId: arnPart(resource.id, 0),
        }),
      ),
    );
    return false;
  },
};
