/**
 * A managed node group, found by name on the cluster, created with its launch template
 * and one capacity type, and waited for until ACTIVE; a group that fails names AWS's
 * reason (its status and health issues).
 */
import {
  CreateNodegroupCommand,
  DeleteNodegroupCommand,
  DescribeNodegroupCommand,
  EKSClient,
  Nodegroup,
  paginateListNodegroups,
  waitUntilNodegroupActive,
  waitUntilNodegroupDeleted,
} from '@aws-sdk/client-eks';
import { NODE_UPDATE_CONFIG } from '@internal/plugin-eks-platform-common';
import { unlessMissing } from '../../actions/cluster/clusterClients';
import {
  nodegroupRequest,
  nodegroupTags,
} from '../../actions/nodegroup/nodegroupPlan';
import {
  clusterOf,
  EksEc2Handler,
  existing,
  isListed,
  waitFor,
} from '../cluster/clusterResources';
import { groupOf } from './launchTemplate';

/** Statuses of a node group that can still serve (or become ACTIVE). */
const USABLE = ['CREATING', 'ACTIVE', 'UPDATING'];

/** Why a node group is not ACTIVE: its status and health issues, with AWS's codes. */
export function describeFailure(nodegroup: Nodegroup | undefined): string {
  if (!nodegroup) return 'it no longer exists';
  const issues = (nodegroup.health?.issues ?? [])
    .map(issue => `${issue.code}: ${issue.message}`)
    .join('; ');
  return `status ${nodegroup.status}${issues ? ` (${issues})` : ''}`;
}

const describeNodegroup = (
  eks: EKSClient,
  clusterName: string,
  nodegroupName: string,
) =>
  unlessMissing(() =>
    eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName })),
  ).then(r => r?.nodegroup);

const asExisting = (n: Nodegroup) =>
  existing(n.nodegroupName!, n.nodegroupName!, n.tags, {
    state: n.status,
    arn: n.nodegroupArn,
  });

export const eksNodegroup: EksEc2Handler = {
  label: 'node group',
  tokened: true,
  async find(node, _refs, c) {
    const found = await describeNodegroup(
      c.clients.eks,
      clusterOf(c),
      node.name,
    );
    if (!found) return { live: [] };
    if (!USABLE.includes(found.status ?? '')) {
      // The name is taken until it is deleted: say so rather than fail on the create.
      throw new Error(
        `node group ${node.name} exists with ${describeFailure(
          found,
        )}; delete it (or destroy the environment) and retry`,
      );
    }
    return { live: [asExisting(found)] };
  },
  async create(node, refs, c, clientRequestToken) {
    const group = groupOf(c, node.properties);
    const cluster = clusterOf(c);
    await c.clients.eks.send(
      new CreateNodegroupCommand(
        nodegroupRequest({
          cluster,
          group,
          subnets: node.properties.subnetIds as string[],
          nodeRoleArn: refs.role,
          launchTemplateId: refs.launchTemplate,
          tags: nodegroupTags(c.tags, cluster, group),
          clientRequestToken,
          updateConfig: NODE_UPDATE_CONFIG[c.spec.environment],
        }),
      ),
    );
    return group.name;
  },
  async waitUntilReady(_id, node, c) {
    const group = groupOf(c, node.properties);
    const cluster = clusterOf(c);
    try {
      await waitFor(
        c,
        `node group ${group.name} (${
          group.capacityType
        } ${group.instanceTypes.join('/')}) to become ACTIVE`,
        timing =>
          waitUntilNodegroupActive(
            { client: c.clients.eks, ...timing },
            { clusterName: cluster, nodegroupName: group.name },
          ),
      );
    } catch (error) {
      const now = await describeNodegroup(c.clients.eks, cluster, group.name);
      if (now?.status === 'ACTIVE') return;
      throw new Error(
        `node group ${group.name} failed: ${describeFailure(now)}`,
        {
          cause: error,
        },
      );
    }
  },
  async list(c, filter) {
    const cluster = clusterOf(c);
    const names: string[] = [];
    const pages = paginateListNodegroups(
      { client: c.clients.eks },
      { clusterName: cluster },
    );
    const listed = await unlessMissing(async () => {
      for await (const page of pages) names.push(...(page.nodegroups ?? []));
      return true;
    });
    if (!listed) return [];
    const found = await Promise.all(
      names.map(name => describeNodegroup(c.clients.eks, cluster, name)),
    );
    return found
      .filter((n): n is Nodegroup => !!n && isListed(n.tags, filter))
      .map(asExisting);
  },
  async delete(resource, c) {
    if (resource.state !== 'DELETING') {
      await unlessMissing(() =>
        c.clients.eks.send(
          new DeleteNodegroupCommand({
            clusterName: clusterOf(c),
            nodegroupName: resource.id,
          }),
        ),
      );
    }
    return true;
  },
  async waitUntilDeleted(ids, c) {
    await Promise.all(
      ids.map(nodegroupName =>
        waitFor(c, `node group ${nodegroupName} to be deleted`, timing =>
          waitUntilNodegroupDeleted(
            { client: c.clients.eks, ...timing },
            { clusterName: clusterOf(c), nodegroupName },
          ),
        ),
      ),
    );
  },
};
