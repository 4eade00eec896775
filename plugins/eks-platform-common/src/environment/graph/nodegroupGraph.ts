/**
 * The node group step as graph nodes: a launch template and a managed node group per
 * group of the spec, then the add-ons that need running nodes.
 */
import { ENVIRONMENT_NAME_TAG } from '../../aws/tags';
import { clusterName, EnvironmentSpec, NodeGroupSpec } from '../types';
import {
  ADDONS_AFTER_NODES,
  ADDONS_BEFORE_NODES,
  CLUSTER_KEYS,
} from './clusterGraph';
import { roleReadyKeys } from './iamNodes';
import { controllerIdentityOfAddon } from './controllerIam';
import { NETWORK_KEYS, natZonesOf } from './networkGraph';
import { node, ResourceNode } from './types';

export const NODEGROUP_KEYS = {
  launchTemplate: (group: string) => `launch-template-${group}`,
  nodegroup: (group: string) => `nodegroup-${group}`,
} as const;

export interface NodegroupGraphOptions {
  /** The network step's private subnets, which the nodes go in. */
  privateSubnetIds?: string[];
  /** Add-on versions EKS reports for the cluster's Kubernetes version, by name. */
  addonVersions?: Record<string, string>;
}

const taintsOf = (group: NodeGroupSpec) =>
  group.taints.length
    ? `, taints ${group.taints
        .map(t => `${t.key}=${t.value}:${t.effect}`)
        .join(', ')}`
    : '';

/**
 * The EBS CSI driver runs with the cluster's name as its cluster id, so every volume it
 * makes is tagged `kubernetes.io/cluster/<cluster>: owned` (how destroy finds them once the
 * cluster is gone), and with the environment's lasting tags (`extraVolumeTags`), so Cost
 * Explorer allocates the volumes to the environment. EKS makes no default StorageClass on
 * clusters of 1.30 and later, so the add-on creates its own (`ebs-csi-default-sc`, gp3,
 * WaitForFirstConsumer), which the platform's claims name. Keys are the add-on's
 * configuration schema (`aws eks describe-addon-configuration --addon-name
 * aws-ebs-csi-driver`).
 */
function addonConfiguration(
  addon: string,
  spec: EnvironmentSpec,
): string | undefined {
  if (addon !== 'aws-ebs-csi-driver') return undefined;
  return JSON.stringify({
    controller: {
      k8sTagClusterId: clusterName(spec),
      extraVolumeTags: { ...spec.tags, [ENVIRONMENT_NAME_TAG]: spec.name },
    },
    defaultStorageClass: { enabled: true },
  });
}

export function nodegroupGraph(
  spec: EnvironmentSpec,
  options: NodegroupGraphOptions = {},
): ResourceNode[] {
  const cluster = clusterName(spec);
  const K = NODEGROUP_KEYS;
  const nodes: ResourceNode[] = [];
  for (const group of spec.nodeGroups) {
    nodes.push(
      node({
        key: K.launchTemplate(group.name),
        kind: 'launch-template',
        step: 'nodegroups',
        type: 'AWS::EC2::LaunchTemplate',
        name: `${cluster}-${group.name}`,
        description: `IMDSv2 required, hop limit 1, encrypted gp3 ${group.diskSizeGiB} GiB`,
        refs: {},
        after: [CLUSTER_KEYS.cluster],
        properties: { group: group.name },
      }),
    );
  }
  for (const group of spec.nodeGroups) {
    nodes.push(
      node({
        key: K.nodegroup(group.name),
        kind: 'eks-nodegroup',
        step: 'nodegroups',
        type: 'AWS::EKS::Nodegroup',
        name: group.name,
        description: `${group.capacityType} ${group.instanceTypes.join('/')}, ${
          group.minSize
        }-${group.maxSize} nodes (desired ${group.desiredSize})${taintsOf(
          group,
        )}`,
        refs: {
          role: CLUSTER_KEYS.nodeRole,
          launchTemplate: K.launchTemplate(group.name),
        },
        // Nodes need egress to join: the NAT gateways and the private routes to them.
        after: [
          CLUSTER_KEYS.cluster,
          ...ADDONS_BEFORE_NODES.map(CLUSTER_KEYS.addon),
          ...natZonesOf(spec).map(NETWORK_KEYS.natGateway),
          ...spec.availabilityZones.map(
            zone => `${NETWORK_KEYS.privateRouteTable(zone)}.default-route`,
          ),
        ],
        properties: {
          group: group.name,
          ...(options.privateSubnetIds
            ? { subnetIds: options.privateSubnetIds }
            : {}),
        },
      }),
    );
  }
  for (const addon of ADDONS_AFTER_NODES) {
    const configuration = addonConfiguration(addon, spec);
    const version = options.addonVersions?.[addon];
    const identity = controllerIdentityOfAddon(addon);
    nodes.push(
      node({
        key: CLUSTER_KEYS.addon(addon),
        kind: 'eks-addon',
        step: 'nodegroups',
        type: 'AWS::EKS::Addon',
        name: addon,
        description: identity
          ? `after node groups, Pod Identity role ${cluster}-${identity.roleKey}`
          : 'after node groups',
        refs: identity ? { role: identity.roleKey } : {},
        after: [
          CLUSTER_KEYS.cluster,
          ...spec.nodeGroups.map(group => K.nodegroup(group.name)),
          ...(identity ? roleReadyKeys(identity) : []),
        ],
        properties: {
          // What a self-managed copy set is replaced, as the managed add-on takes over.
          resolveConflicts: 'OVERWRITE',
          ...(version ? { version } : {}),
          ...(configuration ? { configuration } : {}),
          ...(identity ? { serviceAccount: identity.serviceAccount } : {}),
        },
      }),
    );
  }
  return nodes;
}
