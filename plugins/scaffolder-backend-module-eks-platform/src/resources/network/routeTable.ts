/**
 * Route tables, their default route and their subnet associations. Destroy disassociates
 * a table's subnets and deletes it with its routes.
 */
import {
  AssociateRouteTableCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  DeleteRouteTableCommand,
  DescribeRouteTablesCommand,
  DisassociateRouteTableCommand,
  paginateDescribeRouteTables,
  ReplaceRouteCommand,
  RouteTable,
} from '@aws-sdk/client-ec2';
import { ConflictError } from '@backstage/errors';
import { isNotFound } from '../../actions/shared/awsErrors';
import {
  collect,
  Ec2Handler,
  existing,
  nodeTags,
  sender,
  taggedLookups,
} from './ec2Resources';

/** What a route's step returns, and its table holds while the route is active. */
const routeKey = (
  routeTableId: string,
  destination: string,
  targetId: string,
) => `route:${routeTableId}:${destination}:${targetId}`;

const activeRoutesOf = (table: RouteTable) =>
  (table.Routes ?? []).flatMap(route => {
    const target = route.GatewayId ?? route.NatGatewayId;
    return route.DestinationCidrBlock && target && route.State === 'active'
      ? [routeKey(table.RouteTableId!, route.DestinationCidrBlock, target)]
      : [];
  });

const associationsOf = (table: RouteTable) =>
  (table.Associations ?? [])
    .filter(a => !a.Main && a.RouteTableAssociationId)
    .map(a => a.RouteTableAssociationId!);

export const routeTable: Ec2Handler = {
  label: 'route table',
  tokened: true,
  ...taggedLookups(
    (c, Filters) =>
      collect(
        paginateDescribeRouteTables({ client: c.clients.ec2 }, { Filters }),
        p => p.RouteTables,
      ),
    t =>
      existing(t.RouteTableId, t.Tags, {
        related: associationsOf(t),
        holds: [...associationsOf(t), ...activeRoutesOf(t)],
      }),
    { inVpc: true },
  ),
  async create(node, refs, c, clientToken) {
    const { RouteTable: created } = await sender(c)(
      new CreateRouteTableCommand({
        VpcId: refs.vpc,
        ClientToken: clientToken,
        TagSpecifications: nodeTags(c, 'route-table', node),
      }),
    );
    return created!.RouteTableId!;
  },
  async delete(resource, c) {
    const send = sender(c);
    for (const associationId of resource.related ?? []) {
      try {
        await send(
          new DisassociateRouteTableCommand({ AssociationId: associationId }),
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    await send(new DeleteRouteTableCommand({ RouteTableId: resource.id }));
    return false;
  },
};

/**
 * The route to a gateway or NAT gateway. EC2 takes a route to a NAT gateway that is still
 * pending (traffic flows once it is available); a route to a replaced one (a blackhole) is
 * pointed at the new one.
 */
export const route: Ec2Handler = {
  label: 'route',
  cachedIsLive: true,
  async create(node, refs, c) {
    const send = sender(c);
    const destination = String(node.properties.destination);
    const target = refs.gateway
      ? { GatewayId: refs.gateway }
      : { NatGatewayId: refs.natGateway };
    const targetId = refs.gateway ?? refs.natGateway;
    const { RouteTables = [] } = await send(
      new DescribeRouteTablesCommand({ RouteTableIds: [refs.routeTable] }),
    );
    const current = RouteTables[0]?.Routes?.find(
      r => r.DestinationCidrBlock === destination,
    );
    const currentTarget = current?.GatewayId ?? current?.NatGatewayId;
    const input = {
      RouteTableId: refs.routeTable,
      DestinationCidrBlock: destination,
      ...target,
    };
    if (!current) {
      await send(new CreateRouteCommand(input));
      c.logger.info(
        `Added route ${destination} → ${targetId} to route table ${refs.routeTable}`,
      );
    } else if (currentTarget !== targetId) {
      await send(new ReplaceRouteCommand(input));
      c.logger.info(
        `Replaced route ${destination} → ${currentTarget} (${current.State}) of route table ${refs.routeTable} with → ${targetId}`,
      );
    }
    return routeKey(refs.routeTable, destination, targetId);
  },
};

export const routeTableAssociation: Ec2Handler = {
  label: 'route table association',
  cachedIsLive: true,
  async create(_node, refs, c) {
    const tables = await collect(
      paginateDescribeRouteTables(
        { client: c.clients.ec2 },
        {
          Filters: [{ Name: 'association.subnet-id', Values: [refs.subnet] }],
        },
      ),
      p => p.RouteTables,
    );
    const current = tables
      .flatMap(t => t.Associations ?? [])
      .find(
        a =>
          a.SubnetId === refs.subnet &&
          !a.Main &&
          (a.AssociationState?.State ?? 'associated').startsWith('associat'),
      );
    if (current?.RouteTableId === refs.routeTable) {
      return current.RouteTableAssociationId!;
    }
    if (current) {
      throw new ConflictError(
        `Subnet ${refs.subnet} is associated with route table ${current.RouteTableId}, not ${refs.routeTable} (association ${current.RouteTableAssociationId}); remove that association and retry`,
      );
    }
    const { AssociationId } = await sender(c)(
      new AssociateRouteTableCommand({
        RouteTableId: refs.routeTable,
        SubnetId: refs.subnet,
      }),
    );
    c.logger.info(
      `Associated subnet ${refs.subnet} with route table ${refs.routeTable}`,
    );
    return AssociationId!;
  },
};
