/**
 * What exists of an environment's network, found by its tags with read-only Describe
 * calls: the basis of the preflight checks, of resuming, of the message a failure leaves,
 * and of the teardown.
 */
import {
  Address,
  DescribeAddressesCommand,
  EC2Client,
  Filter,
  FlowLog,
  InternetGateway,
  NatGateway,
  paginateDescribeFlowLogs,
  paginateDescribeInternetGateways,
  paginateDescribeNatGateways,
  paginateDescribeRouteTables,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  RouteTable,
  Subnet,
  Tag,
  Vpc,
} from '@aws-sdk/client-ec2';
import { collect, isLiveNatGateway } from '../../resources/network';
import { describeResource, tagFilters } from '../shared/tagging';

export { collect, isLiveNatGateway };

export interface NetworkInventory {
  vpcs: Vpc[];
  subnets: Subnet[];
  internetGateways: InternetGateway[];
  addresses: Address[];
  /** Every state but `deleted`: pending, available, failed and deleting ones. */
  natGateways: NatGateway[];
  routeTables: RouteTable[];
  flowLogs: FlowLog[];
}

/**
 * The environment's network resources, or only those one task created. Seven reads
 * (more if a Describe answers in several pages).
 */
export async function discoverNetwork(
  ec2: EC2Client,
  environmentName: string,
  options: { taskId?: string } = {},
): Promise<NetworkInventory> {
  const Filters: Filter[] = tagFilters(environmentName, options);
  const client = { client: ec2 };
  const [
    vpcs,
    subnets,
    internetGateways,
    addresses,
    natGateways,
    routeTables,
    flowLogs,
  ] = await Promise.all([
    collect(paginateDescribeVpcs(client, { Filters }), p => p.Vpcs),
    collect(paginateDescribeSubnets(client, { Filters }), p => p.Subnets),
    collect(
      paginateDescribeInternetGateways(client, { Filters }),
      p => p.InternetGateways,
    ),
    ec2
      .send(new DescribeAddressesCommand({ Filters }))
      .then(r => r.Addresses ?? []),
    collect(
      paginateDescribeNatGateways(client, { Filter: Filters }),
      p => p.NatGateways,
    ),
    collect(
      paginateDescribeRouteTables(client, { Filters }),
      p => p.RouteTables,
    ),
    collect(
      paginateDescribeFlowLogs(client, { Filter: Filters }),
      p => p.FlowLogs,
    ),
  ]);
  return {
    vpcs,
    subnets,
    internetGateways,
    addresses,
    natGateways: natGateways.filter(nat => nat.State !== 'deleted'),
    routeTables,
    flowLogs,
  };
}

export const attachmentKey = (internetGatewayId: string, vpcId: string) =>
  `attachment:${internetGatewayId}:${vpcId}`;
export const routeKey = (
  routeTableId: string,
  destination: string,
  targetId: string,
) => `route:${routeTableId}:${destination}:${targetId}`;

/**
 * Every id and relation the inventory shows to exist: resource ids, route table
 * association ids, `attachment:igw:vpc` and `route:rtb:destination:target` keys. A value
 * an earlier run checkpointed is live when it is in here.
 */
export function liveKeysOf(inventory: NetworkInventory): Set<string> {
  const keys = new Set<string>();
  const add = (key: string | undefined) => key && keys.add(key);
  inventory.vpcs.forEach(v => add(v.VpcId));
  inventory.subnets.forEach(s => add(s.SubnetId));
  inventory.addresses.forEach(a => add(a.AllocationId));
  inventory.flowLogs.forEach(f => add(f.FlowLogId));
  inventory.natGateways
    .filter(isLiveNatGateway)
    .forEach(n => add(n.NatGatewayId));
  for (const gateway of inventory.internetGateways) {
    add(gateway.InternetGatewayId);
    for (const attachment of gateway.Attachments ?? []) {
      if (attachment.VpcId && attachment.State !== 'detached') {
        add(attachmentKey(gateway.InternetGatewayId!, attachment.VpcId));
      }
    }
  }
  for (const table of inventory.routeTables) {
    add(table.RouteTableId);
    for (const association of table.Associations ?? []) {
      add(association.RouteTableAssociationId);
    }
    for (const route of table.Routes ?? []) {
      const target = route.GatewayId ?? route.NatGatewayId;
      if (route.DestinationCidrBlock && target && route.State === 'active') {
        add(routeKey(table.RouteTableId!, route.DestinationCidrBlock, target));
      }
    }
  }
  return keys;
}

/** One line per resource, e.g. "subnet subnet-0ab (dpj-prod-public-eu-west-3a)". */
export function describeInventory(inventory: NetworkInventory): string[] {
  const line = (
    kind: string,
    id: string | undefined,
    tags: Tag[] | undefined,
  ) => `${kind} ${describeResource(id, tags)}`;
  return [
    ...inventory.vpcs.map(v => line('VPC', v.VpcId, v.Tags)),
    ...inventory.flowLogs.map(f => line('flow log', f.FlowLogId, f.Tags)),
    ...inventory.subnets.map(s => line('subnet', s.SubnetId, s.Tags)),
    ...inventory.internetGateways.map(g =>
      line('internet gateway', g.InternetGatewayId, g.Tags),
    ),
    ...inventory.routeTables.map(t =>
      line('route table', t.RouteTableId, t.Tags),
    ),
    ...inventory.addresses.map(a => line('Elastic IP', a.AllocationId, a.Tags)),
    ...inventory.natGateways.map(
      n => `${line('NAT gateway', n.NatGatewayId, n.Tags)} ${n.State}`,
    ),
  ];
}

export function isEmptyInventory(inventory: NetworkInventory): boolean {
  return describeInventory(inventory).length === 0;
}
