/**
 * The cluster's access entries (the platform team's, its only administrator, as the creator
 * gets no admin access; ArgoCD's) and their access policies as settings. They go with the
 * cluster on destroy; when the cluster stays (a rollback of a task that did not create it),
 * an entry goes alone, found by its tags among the cluster's entries.
 */
import {
  AccessEntry,
  AssociateAccessPolicyCommand,
  CreateAccessEntryCommand,
  DeleteAccessEntryCommand,
  DescribeAccessEntryCommand,
  EKSClient,
  ListAssociatedAccessPoliciesCommand,
  paginateListAccessEntries,
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

/** What the policy association's step returns, and the entry holds while associated. */
const associationKey = (entryArn: string, policyArn: string) =>
  `${entryArn}#${policyArn}`;

const asExisting = (entry: AccessEntry, clusterPolicies: string[] = []) =>
  existing(entry.accessEntryArn!, entry.principalArn!, entry.tags, {
    related: [entry.principalArn!],
    holds: clusterPolicies.map(p => associationKey(entry.accessEntryArn!, p)),
  });

/** The access policies associated with the principal at cluster scope. */
async function clusterPoliciesOf(
  eks: EKSClient,
  clusterName: string,
  principalArn: string,
): Promise<string[]> {
  const { associatedAccessPolicies = [] } = await eks.send(
    new ListAssociatedAccessPoliciesCommand({ clusterName, principalArn }),
  );
  return associatedAccessPolicies
    .filter(p => p.accessScope?.type === 'cluster')
    .map(p => p.policyArn!);
}

export const accessEntry: ClusterHandler = {
  label: 'access entry',
  tokened: true,
  async find(node, _refs, c) {
    const principalArn = principalOf(node.properties);
    const entry = await describeEntry(
      c.clients.eks,
      clusterOf(c),
      principalArn,
    );
    if (!entry) return { live: [] };
    const policies = await clusterPoliciesOf(
      c.clients.eks,
      clusterOf(c),
      principalArn,
    );
    return { live: [asExisting(entry, policies)] };
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
    const { eks } = c.clients;
    // A cluster that is not there has no entries (ResourceNotFoundException).
    const principals =
      (await unlessMissing(async () => {
        const all: string[] = [];
        for await (const page of paginateListAccessEntries(
          { client: eks },
          { clusterName: clusterOf(c) },
        )) {
          all.push(...(page.accessEntries ?? []));
        }
        return all;
      })) ?? [];
    const entries = await Promise.all(
      principals.map(p => describeEntry(eks, clusterOf(c), p)),
    );
    const keys = new Set(nodes.map(n => n.key));
    return entries
      .filter((e): e is AccessEntry => !!e && isListed(e.tags, filter))
      .map(e => asExisting(e))
      .filter(e => keys.has(e.component ?? ''));
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
    const associated = (
      await clusterPoliciesOf(c.clients.eks, clusterName, principalArn)
    ).includes(policyArn);
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
    return associationKey(refs.accessEntry, policyArn);
  },
};
