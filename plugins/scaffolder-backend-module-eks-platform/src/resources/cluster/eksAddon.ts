/**
 * EKS add-ons, found by name on the cluster, created at the version the preflight resolved
 * and waited for until ACTIVE before the nodes that depend on them start: vpc-cni's Pod
 * Identity association needs eks-pod-identity-agent running, and node groups need the
 * networking add-ons. They go with the cluster on destroy; alone when the cluster stays.
 */
import {
  Addon,
  CreateAddonCommand,
  DeleteAddonCommand,
  DescribeAddonCommand,
  DescribeAddonVersionsCommand,
  EKSClient,
  ResolveConflicts,
  waitUntilAddonActive,
  waitUntilAddonDeleted,
} from '@aws-sdk/client-eks';
import { unlessMissing } from '../../actions/cluster/clusterClients';
import {
  arnPart,
  EksEc2Handler,
  clusterOf,
  existing,
  isListed,
  nodeTagMap,
  waitFor,
} from './clusterResources';
import { clusterGoesWith } from './eksCluster';

/** States in which an add-on is not reused (and its ClientToken not replayed). */
const GONE_STATES = ['DELETING', 'CREATE_FAILED', 'DELETE_FAILED'];

export const describeAddon = (
  eks: EKSClient,
  clusterName: string,
  addonName: string,
) =>
  unlessMissing(() =>
    eks.send(new DescribeAddonCommand({ clusterName, addonName })),
  ).then(r => r?.addon);

/**
 * The version of an add-on to pin for a Kubernetes version: the one DescribeAddonVersions
 * marks as default for it, else the newest compatible one (EKS lists newest first).
 */
export async function addonVersionFor(
  clients: { eks: EKSClient },
  addonName: string,
  kubernetesVersion: string,
): Promise<string | undefined> {
  const candidates: { version: string; isDefault: boolean }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await clients.eks.send(
      new DescribeAddonVersionsCommand({
        addonName,
        kubernetesVersion,
        nextToken,
      }),
    );
    for (const addon of page.addons ?? []) {
      if (addon.addonName !== addonName) continue;
      for (const version of addon.addonVersions ?? []) {
        const compatibility = version.compatibilities?.find(
          c => c.clusterVersion === kubernetesVersion,
        );
        if (version.addonVersion && compatibility) {
          candidates.push({
            version: version.addonVersion,
            isDefault: compatibility.defaultVersion === true,
          });
        }
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
  const byNewest = [...candidates].sort((a, b) =>
    b.version.localeCompare(a.version, 'en', { numeric: true }),
  );
  return (byNewest.find(c => c.isDefault) ?? byNewest[0])?.version;
}

const asExisting = (addon: Addon) =>
  existing(
    addon.addonArn!,
    `${addon.addonName} ${addon.addonVersion}`,
    addon.tags,
    { state: addon.status, properties: { version: addon.addonVersion! } },
  );

export const eksAddon: EksEc2Handler = {
  label: 'EKS add-on',
  tokened: true,
  async find(node, _refs, c) {
    const addon = await describeAddon(c.clients.eks, clusterOf(c), node.name);
    if (!addon) return { live: [] };
    return GONE_STATES.includes(addon.status ?? '')
      ? { live: [], gone: 1 }
      : { live: [asExisting(addon)] };
  },
  async create(node, refs, c, clientRequestToken) {
    const { version, configuration, serviceAccount, resolveConflicts } =
      node.properties;
    const { addon } = await c.clients.eks.send(
      new CreateAddonCommand({
        clusterName: clusterOf(c),
        addonName: node.name,
        ...(version ? { addonVersion: String(version) } : {}),
        ...(configuration
          ? { configurationValues: String(configuration) }
          : {}),
        ...(serviceAccount && refs.role
          ? {
              podIdentityAssociations: [
                { serviceAccount: String(serviceAccount), roleArn: refs.role },
              ],
            }
          : {}),
        ...(resolveConflicts
          ? { resolveConflicts: resolveConflicts as ResolveConflicts }
          : {}),
        clientRequestToken,
        tags: nodeTagMap(c, node),
      }),
    );
    return addon!.addonArn!;
  },
  async waitUntilReady(_id, node, c) {
    await waitFor(c, `add-on ${node.name} to become ACTIVE`, timing =>
      waitUntilAddonActive(
        { client: c.clients.eks, ...timing },
        { clusterName: clusterOf(c), addonName: node.name },
      ),
    );
  },
  // Those of the cluster step go with the cluster when it goes too; those of the node group
  // step are removed before the node groups, as they were made after them.
  async list(c, filter, nodes) {
    const alone = (await clusterGoesWith(c, filter))
      ? nodes.filter(n => n.step !== 'cluster')
      : nodes;
    const addons = await Promise.all(
      alone.map(n => describeAddon(c.clients.eks, clusterOf(c), n.name)),
    );
    return addons
      .filter((a): a is Addon => !!a && isListed(a.tags, filter))
      .map(asExisting);
  },
  async delete(resource, c) {
    if (resource.state === 'DELETING') return true;
    const deleting = await unlessMissing(() =>
      c.clients.eks.send(
        new DeleteAddonCommand({
          clusterName: clusterOf(c),
          addonName: arnPart(resource.id, 1),
        }),
      ),
    );
    return deleting !== undefined;
  },
  async waitUntilDeleted(ids, c) {
    await Promise.all(
      ids.map(id =>
        waitFor(c, `add-on ${arnPart(id, 1)} to be deleted`, timing =>
          waitUntilAddonDeleted(
            { client: c.clients.eks, ...timing },
            { clusterName: clusterOf(c), addonName: arnPart(id, 1) },
          ),
        ),
      ),
    );
  },
};
