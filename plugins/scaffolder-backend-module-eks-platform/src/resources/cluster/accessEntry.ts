/**
 * The platform team's access entry, the cluster's only administrator (the creator gets no
 * admin access), and its access policy as a setting. Both go with the cluster on destroy;
 * when the cluster stays (a rollback of a task that did not create it), the entry goes alone.
 */
import {
  AccessEntry,
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  DeleteAccessEntryCommand,
  DescribeAccessEntryCommand,
  EKSClient,
  ListAssociatedAccessPoliciesCommand,
} from '@aws-sdk/client-eks';
import { unlessMissing } from '../../actions/cluster/clusterClients';
import {
  ClusterHandler,
  clusterOf,
  existing,
  isListed,
  nodeTagMap,
} from './clusterResources';
import { clusterGoesWith } from './eksCluster';

const principalOf = (properties: Record<string, unknown>) => {
  const principal = properties.principalArn;
  if (typeof principal !== 'string') {
    throw new Error('The access entry node has no principalArn');
  }
  return principal;
};

const describeEntry = (
  eks: EKSClient,
  clusterName: string,
  principalArn: string,
) =>
  unlessMissing(() =>
    eks.send(new DescribeAccessEntryCommand({ clusterName, principalArn })),
  ).then(r => r?.accessEntry);

const asExisting = (entry: AccessEntry) =>
  existing(entry.accessEntryArn!, entry.principalArn!, entry.tags, {
    related: [entry.principalArn!],
  });

export const accessEntry: ClusterHandler = {
  label: 'access entry',
  tokened: true,
  async find(node, _refs, c) {
    const entry = await describeEntry(
      c.clients.eks,
      clusterOf(c),
      principalOf(node.properties),
    );
    return { live: entry ? [asExisting(entry)] : [] };
  },
  async create(node, _refs, c, clientRequestToken) {
    const { accessEntry: created } = await c.clients.eks.send(
      new CreateAccessEntryCommand({
        clusterName: clusterOf(c),
        principalArn: principalOf(node.properties),
        type: 'STANDARD',
        clientRequestToken,
        tags: nodeTagMap(c, node),
      }),
    );
    return created!.accessEntryArn!;
  },
  async list(c, filter, nodes) {
    if (await clusterGoesWith(c, filter)) return [];
    const entries = await Promise.all(
      nodes
        .filter(n => typeof n.properties.principalArn === 'string')
        .map(n =>
          describeEntry(c.clients.eks, clusterOf(c), principalOf(n.properties)),
        ),
    );
    return entries
      .filter((e): e is AccessEntry => !!e && isListed(e.tags, filter))
      .map(asExisting);
  },
  async delete(resource, c) {
    await unlessMissing(() =>
      c.clients.eks.send(
        new DeleteAccessEntryCommand({
          clusterName: clusterOf(c),
          principalArn: resource.related![0],
        }),
      ),
    );
    return false;
  },
};

export const accessPolicyAssociation: ClusterHandler = {
  label: 'access policy',
  cachedIsLive: true,
  async create(node, refs, c) {
    const clusterName = clusterOf(c);
    const principalArn = principalOf(node.properties);
    const policyArn = String(node.properties.policyArn);
    const { associatedAccessPolicies = [] } = await c.clients.eks.send(
      new ListAssociatedAccessPoliciesCommand({ clusterName, principalArn }),
    );
    const associated = associatedAccessPolicies.some(
      p => p.policyArn === policyArn && p.accessScope?.type === 'cluster',
    );
    if (!associated) {
      await c.clients.eks.send(
        new AssociateAccessPolicyCommand({
          clusterName,
          principalArn,
          policyArn,
          accessScope: { type: 'cluster' },
        }),
      );
      c.logger.info(
        `Associated ${policyArn.replace(
          /^.*\//,
          '',
        )} (cluster scope) with ${principalArn}`,
      );
    }
    return refs.accessEntry;
  },
};
