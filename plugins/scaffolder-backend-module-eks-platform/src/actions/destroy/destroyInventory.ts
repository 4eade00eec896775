/**
 * What `environment:destroy` would delete, read with the discovery functions of the three
 * create actions (read-only calls only), in the order it deletes it. The basis of the dry
 * run and of the production check made before the first mutating call.
 */
import type { Tag } from '@aws-sdk/client-ec2';
import type { ClusterClients } from '../cluster/clusterClients';
import type { ClusterNames } from '../cluster/clusterPlan';
import { discoverCluster, roleTags } from '../cluster/discovery';
import { discoverNetwork } from '../network/discovery';
import { discoverNodegroups } from '../nodegroup/discovery';
import { findClusterSecurityGroups } from './clusterSecurityGroups';
import {
  findKubernetesMadeResources,
  kubernetesMadeRows,
} from './kubernetesMadeResources';
import { ENVIRONMENT_NAME_TAG, TagMap, tagValue } from '../shared/tagging';

/** One resource deleted (or, in a dry run, to delete). A type alias, so it is JSON. */
export type DestroyedResource = {
  /** CloudFormation-style type, e.g. `AWS::EC2::Subnet`. */
  type: string;
  /** The `Name` tag or the resource's name; the id when it has none. */
  name: string;
  id: string;
};

export type DestroyPhase = 'nodegroups' | 'cluster' | 'network';

export interface DestroyInventory {
  resources: Record<DestroyPhase, DestroyedResource[]>;
  /** Values of the `environment` preset tag (dev, staging, production) found on them. */
  presetTags: Set<string>;
  /** The environment's VPC ids when discovered. */
  vpcIds: string[];
}

/** The kinds the delete functions report, as resource types. */
const TYPES: Record<string, string> = {
  'EKS add-on': 'AWS::EKS::Addon',
  'access entry': 'AWS::EKS::AccessEntry',
  'EKS cluster': 'AWS::EKS::Cluster',
  'KMS alias': 'AWS::KMS::Alias',
  'IAM role': 'AWS::IAM::Role',
  'flow log': 'AWS::EC2::FlowLog',
  'route table': 'AWS::EC2::RouteTable',
  'NAT gateway': 'AWS::EC2::NatGateway',
  'Elastic IP': 'AWS::EC2::EIP',
  'internet gateway': 'AWS::EC2::InternetGateway',
  subnet: 'AWS::EC2::Subnet',
  VPC: 'AWS::EC2::VPC',
};

/** `AWS::EC2::Subnet` for "subnet"; KMS key kinds carry their deletion window. */
export function resourceType(kind: string): string {
  if (kind.startsWith('AWS::')) return kind;
  if (kind.startsWith('KMS key')) return 'AWS::KMS::Key';
  return TYPES[kind] ?? kind;
}

/** "dpj-dev-public-eu-west-3a" out of "subnet-0ab (dpj-dev-public-eu-west-3a)". */
export function nameOf(label: string, id: string): string {
  const match = /\(([^()]+)\)$/.exec(label);
  if (match) return match[1];
  const stripped = label.replace(/^(add-on|node group|launch template) /, '');
  return stripped || id;
}

const PRESET_TAG = 'environment';

export async function discoverEnvironment(
  clients: ClusterClients,
  names: ClusterNames,
  environmentName: string,
  adminPrincipalArn?: string,
): Promise<DestroyInventory> {
  const { eks, ec2 } = clients;
  const [nodegroupInventory, clusterInventory, network] = await Promise.all([
    discoverNodegroups(eks, ec2, names.cluster, environmentName),
    discoverCluster(clients, names, adminPrincipalArn),
    discoverNetwork(ec2, environmentName),
  ]);
  const presetTags = new Set<string>();
  const ours = (tags: TagMap | undefined) => {
    const owned = tags?.[ENVIRONMENT_NAME_TAG] === environmentName;
    if (owned && tags?.[PRESET_TAG]) presetTags.add(tags[PRESET_TAG]);
    return owned;
  };
  const tagged = (tags: Tag[] | undefined) => {
    const preset = tagValue(tags, PRESET_TAG);
    if (preset) presetTags.add(preset);
    return tagValue(tags, 'Name');
  };

  const nodegroups: DestroyedResource[] = [
    ...[...nodegroupInventory.addons.values()]
      .filter(a => ours(a.tags))
      .map(a => ({
        type: 'AWS::EKS::Addon',
        name: a.addonName!,
        id: a.addonName!,
      })),
    ...[...nodegroupInventory.nodegroups.values()]
      .filter(n => ours(n.tags))
      .map(n => ({
        type: 'AWS::EKS::Nodegroup',
        name: n.nodegroupName!,
        id: n.nodegroupName!,
      })),
    ...nodegroupInventory.launchTemplates.map(t => {
      tagged(t.Tags);
      return {
        type: 'AWS::EC2::LaunchTemplate',
        name: t.LaunchTemplateName ?? t.LaunchTemplateId!,
        id: t.LaunchTemplateId!,
      };
    }),
  ];

  const cluster: DestroyedResource[] = [];
  const {
    cluster: eksCluster,
    key,
    otherKeys,
    roles,
    addons,
    adminAccess,
  } = clusterInventory;
  if (eksCluster && ours(eksCluster.tags)) {
    // Its add-ons and access entries go with it.
    cluster.push({
      type: 'AWS::EKS::Cluster',
      name: names.cluster,
      id: names.cluster,
    });
  } else if (eksCluster) {
    for (const addon of Object.values(addons)) {
      if (ours(addon.tags)) {
        cluster.push({
          type: 'AWS::EKS::Addon',
          name: addon.addonName!,
          id: addon.addonName!,
        });
      }
    }
    if (adminAccess && ours(adminAccess.entry.tags)) {
      cluster.push({
        type: 'AWS::EKS::AccessEntry',
        name: adminAccess.entry.principalArn!,
        id: adminAccess.entry.principalArn!,
      });
    }
  }
  if (key?.aliased && ours(key.tags)) {
    cluster.push({
      type: 'AWS::KMS::Alias',
      name: names.kmsAlias,
      id: names.kmsAlias,
    });
  }
  // Keys without alias too: tagged as the environment's, left by an interrupted create.
  for (const k of [...(key ? [key] : []), ...otherKeys]) {
    if (ours(k.tags)) {
      cluster.push({
        type: 'AWS::KMS::Key',
        name: names.kmsAlias,
        id: k.metadata.KeyId!,
      });
    }
  }
  for (const role of Object.values(roles)) {
    if (role && ours(roleTags(role))) {
      cluster.push({
        type: 'AWS::IAM::Role',
        name: role.RoleName!,
        id: role.RoleName!,
      });
    }
  }

  const ec2Row =
    (type: string) =>
    (id: string | undefined, tags: Tag[] | undefined): DestroyedResource => ({
      type,
      name: tagged(tags) ?? id!,
      id: id!,
    });
  const vpcIds = network.vpcs.map(v => v.VpcId!);
  const kubernetesMade = kubernetesMadeRows(
    await findKubernetesMadeResources(clients, names.cluster, vpcIds),
  );
  const isLoadBalancing = (r: DestroyedResource) =>
    r.type.startsWith('AWS::ElasticLoadBalancingV2::');
  // In the order the network phase deletes them: what the cluster's controllers made
  // (load balancers first, since their interfaces hold the rest), then the network.
  const networkRows: DestroyedResource[] = [
    ...kubernetesMade.filter(isLoadBalancing),
    ...(await findClusterSecurityGroups(ec2, names.cluster, vpcIds)).map(g => ({
      type: 'AWS::EC2::SecurityGroup',
      name: g.GroupName!,
      id: g.GroupId!,
    })),
    ...kubernetesMade.filter(r => !isLoadBalancing(r)),
    ...network.flowLogs.map(f =>
      ec2Row('AWS::EC2::FlowLog')(f.FlowLogId, f.Tags),
    ),
    ...network.routeTables.map(t =>
      ec2Row('AWS::EC2::RouteTable')(t.RouteTableId, t.Tags),
    ),
    ...network.natGateways.map(n =>
      ec2Row('AWS::EC2::NatGateway')(n.NatGatewayId, n.Tags),
    ),
    ...network.addresses.map(a =>
      ec2Row('AWS::EC2::EIP')(a.AllocationId, a.Tags),
    ),
    ...network.internetGateways.map(g =>
      ec2Row('AWS::EC2::InternetGateway')(g.InternetGatewayId, g.Tags),
    ),
    ...network.subnets.map(s => ec2Row('AWS::EC2::Subnet')(s.SubnetId, s.Tags)),
    ...network.vpcs.map(v => ec2Row('AWS::EC2::VPC')(v.VpcId, v.Tags)),
  ];

  return {
    resources: { nodegroups, cluster, network: networkRows },
    presetTags,
    vpcIds,
  };
}
