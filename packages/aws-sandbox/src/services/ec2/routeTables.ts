import { isNatGatewayVisible } from './natGateways';
import {
  AssociateRouteTable$,
  AssociateRouteTableRequest,
  AssociateRouteTableResult,
  CreateRoute$,
  CreateRouteRequest,
  CreateRouteResult,
  CreateRouteTable$,
  CreateRouteTableRequest,
  CreateRouteTableResult,
  DeleteRouteTable$,
  DeleteRouteTableRequest,
  DescribeRouteTables$,
  DescribeRouteTablesRequest,
  DescribeRouteTablesResult,
  DisassociateRouteTable$,
  DisassociateRouteTableRequest,
  ReplaceRoute$,
  ReplaceRouteRequest,
  Route,
  RouteTable,
} from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate, tagsFromSpecifications } from './describe';
import {
  associationNotFound,
  dependencyViolation,
  idsNotFound,
  invalidParameterValue,
  missingParameter,
  requireAll,
  routeTableNotFound,
} from './errors';
import { isNatGatewayGone } from './natGateways';
import { ec2Operation, idempotent, tagList } from './operation';
import { Ec2Call } from './store';
import { requireSubnet } from './subnets';
import { requireVpc } from './vpcs';

function requireRouteTable(call: Ec2Call, id: string | undefined): RouteTable {
  if (!id) throw missingParameter('routeTableId');
  const table = call.store.routeTables.get(id);
  if (!table) throw routeTableNotFound(id);
  return table;
}

export function createRouteTable(
  call: Ec2Call,
  input: CreateRouteTableRequest,
): RouteTable {
  const { store, context } = call;
  const { id } = idempotent(call, input.ClientToken, () => {
    const { vpc } = requireVpc(call, input.VpcId);
    const tags = tagsFromSpecifications(input.TagSpecifications, 'route-table');
    const tableId = context.state.nextId('rtb');
    store.routeTables.set(tableId, {
      RouteTableId: tableId,
      VpcId: vpc.VpcId,
      OwnerId: call.accountId,
      Routes: [
        {
          DestinationCidrBlock: vpc.CidrBlock,
          GatewayId: 'local',
          Origin: 'CreateRouteTable',
          State: 'active',
        },
      ],
      Associations: [],
      PropagatingVgws: [],
    });
    store.setTags(tableId, tags);
    return tableId;
  });
  return store.routeTables.get(id)!;
}

/** The one target of a CreateRoute or ReplaceRoute, checked as EC2 does. */
function requireRouteTarget(
  call: Ec2Call,
  table: RouteTable,
  input: Pick<CreateRouteRequest, 'GatewayId' | 'NatGatewayId'>,
): void {
  if (input.GatewayId) {
    const gateway = call.store.internetGateways.get(input.GatewayId);
    if (!gateway)
      throw idsNotFound('InvalidGatewayID.NotFound', 'gateway', [
        input.GatewayId,
      ]);
    if (!gateway.Attachments?.some(a => a.VpcId === table.VpcId)) {
      throw invalidParameterValue(
        `route table ${table.RouteTableId} and network gateway ${input.GatewayId} belong to different networks`,
      );
    }
  } else if (input.NatGatewayId) {
    // CreateRoute names EC2's own code, not DescribeNatGateways' NatGatewayNotFound; the
    // wording follows EC2's "The … ID '…' does not exist" pattern.
    if (
      !isNatGatewayVisible(call, call.store.natGateways.get(input.NatGatewayId))
    ) {
      throw new AwsError(
        'InvalidNatGatewayID.NotFound',
        `The natGateway ID '${input.NatGatewayId}' does not exist`,
      );
    }
  } else {
    throw new AwsError(
      'InvalidParameterCombination',
      'The request must contain exactly one of gatewayId, natGatewayId, networkInterfaceId, vpcPeeringConnectionId, instanceId, transitGatewayId, localGatewayId, carrierGatewayId, coreNetworkArn or vpcEndpointId',
    );
  }
}

export function createRoute(call: Ec2Call, input: CreateRouteRequest): void {
  const table = requireRouteTable(call, input.RouteTableId);
  if (!input.DestinationCidrBlock)
    throw missingParameter('destinationCidrBlock');
  requireRouteTarget(call, table, input);
  if (
    table.Routes?.some(
      r => r.DestinationCidrBlock === input.DestinationCidrBlock,
    )
  ) {
    throw new AwsError(
      'RouteAlreadyExists',
      `The route identified by ${input.DestinationCidrBlock} already exists.`,
    );
  }
  table.Routes?.push({
    DestinationCidrBlock: input.DestinationCidrBlock,
    GatewayId: input.GatewayId,
    NatGatewayId: input.NatGatewayId,
    Origin: 'CreateRoute',
    State: 'active',
  });
}

/**
 * ReplaceRoute points an existing route at a new target; the target it does not name is
 * cleared (a route has exactly one). Without such a route EC2 answers
 * InvalidRoute.NotFound ("The specified route does not exist in the specified route
 * table", EC2 API reference, error codes).
 */
export function replaceRoute(call: Ec2Call, input: ReplaceRouteRequest): void {
  const table = requireRouteTable(call, input.RouteTableId);
  if (!input.DestinationCidrBlock)
    throw missingParameter('destinationCidrBlock');
  requireRouteTarget(call, table, input);
  const route = table.Routes?.find(
    r => r.DestinationCidrBlock === input.DestinationCidrBlock,
  );
  if (!route || route.GatewayId === 'local') {
    throw new AwsError(
      'InvalidRoute.NotFound',
      `There is no route defined for '${input.DestinationCidrBlock}' in the route table. Use CreateRoute instead.`,
    );
  }
  route.GatewayId = input.GatewayId;
  route.NatGatewayId = input.NatGatewayId;
}

export function associateRouteTable(
  call: Ec2Call,
  input: AssociateRouteTableRequest,
): string {
  const table = requireRouteTable(call, input.RouteTableId);
  const subnet = requireSubnet(call, input.SubnetId);
  if (subnet.VpcId !== table.VpcId) {
    throw invalidParameterValue(
      `Route table ${table.RouteTableId} and network ${subnet.SubnetId} belong to different networks`,
    );
  }
  const taken = [...call.store.routeTables.values()].find(rtb =>
    rtb.Associations?.some(a => a.SubnetId === subnet.SubnetId),
  );
  if (taken) {
    throw new AwsError(
      'Resource.AlreadyAssociated',
      `the specified association for route table ${taken.RouteTableId} conflicts with an existing association`,
    );
  }
  const associationId = call.context.state.nextId('rtbassoc');
  table.Associations?.push({
    Main: false,
    RouteTableAssociationId: associationId,
    RouteTableId: table.RouteTableId,
    SubnetId: subnet.SubnetId,
    AssociationState: { State: 'associated' },
  });
  return associationId;
}

/** A route whose target is gone turns into a blackhole, as on AWS. */
function routeState(call: Ec2Call, route: Route): Route['State'] {
  const { store } = call;
  if (route.NatGatewayId) {
    const nat = store.natGateways.get(route.NatGatewayId);
    return nat && !isNatGatewayGone(call, nat) ? 'active' : 'blackhole';
  }
  if (route.GatewayId && route.GatewayId !== 'local') {
    const gateway = store.internetGateways.get(route.GatewayId);
    return gateway?.Attachments?.length ? 'active' : 'blackhole';
  }
  return 'active';
}

function describe(call: Ec2Call, table: RouteTable): RouteTable {
  return {
    ...table,
    Routes: table.Routes?.map(r => ({ ...r, State: routeState(call, r) })),
    Tags: tagList(call.store, table.RouteTableId!),
  };
}

export const routeTableOperations = {
  CreateRouteTable: ec2Operation<
    CreateRouteTableRequest,
    CreateRouteTableResult
  >(CreateRouteTable$, (input, call) => ({
    RouteTable: describe(call, createRouteTable(call, input)),
    ClientToken: input.ClientToken,
  })),

  CreateRoute: ec2Operation<CreateRouteRequest, CreateRouteResult>(
    CreateRoute$,
    (input, call) => {
      createRoute(call, input);
      return { Return: true };
    },
  ),

  ReplaceRoute: ec2Operation<ReplaceRouteRequest, object>(
    ReplaceRoute$,
    (input, call) => {
      replaceRoute(call, input);
      return {};
    },
  ),

  AssociateRouteTable: ec2Operation<
    AssociateRouteTableRequest,
    AssociateRouteTableResult
  >(AssociateRouteTable$, (input, call) => ({
    AssociationId: associateRouteTable(call, input),
    AssociationState: { State: 'associated' },
  })),

  DisassociateRouteTable: ec2Operation<DisassociateRouteTableRequest, object>(
    DisassociateRouteTable$,
    (input, call) => {
      if (!input.AssociationId) throw missingParameter('associationId');
      for (const table of call.store.routeTables.values()) {
        const index = (table.Associations ?? []).findIndex(
          a => a.RouteTableAssociationId === input.AssociationId,
        );
        if (index < 0) continue;
        if (table.Associations![index].Main) {
          throw invalidParameterValue(
            `cannot disassociate the main route table association ${input.AssociationId}`,
          );
        }
        table.Associations!.splice(index, 1);
        return {};
      }
      throw associationNotFound(input.AssociationId);
    },
  ),

  DeleteRouteTable: ec2Operation<DeleteRouteTableRequest, object>(
    DeleteRouteTable$,
    (input, call) => {
      const table = requireRouteTable(call, input.RouteTableId);
      if (table.Associations?.length) {
        throw dependencyViolation('routeTable', table.RouteTableId!);
      }
      call.store.routeTables.delete(table.RouteTableId!);
      call.store.tags.delete(table.RouteTableId!);
      return {};
    },
  ),

  DescribeRouteTables: ec2Operation<
    DescribeRouteTablesRequest,
    DescribeRouteTablesResult
  >(DescribeRouteTables$, (input, call) => {
    const { store } = call;
    requireAll(input.RouteTableIds, store.routeTables, routeTableNotFound);
    const matching = [...store.routeTables.values()]
      .filter(
        t =>
          !input.RouteTableIds || input.RouteTableIds.includes(t.RouteTableId!),
      )
      .map(t => describe(call, t))
      .filter(t => {
        const associations = t.Associations ?? [];
        const routes = t.Routes ?? [];
        return matchesFilters(
          input.Filters,
          store.tagsOf(t.RouteTableId!),
          name =>
            ({
              'route-table-id': [t.RouteTableId],
              'vpc-id': [t.VpcId],
              'owner-id': [t.OwnerId],
              'association.subnet-id': associations.map(a => a.SubnetId),
              'association.route-table-association-id': associations.map(
                a => a.RouteTableAssociationId,
              ),
              'association.route-table-id': associations.map(
                a => a.RouteTableId,
              ),
              'association.main': associations.map(a => String(a.Main)),
              'route.destination-cidr-block': routes.map(
                r => r.DestinationCidrBlock,
              ),
              'route.gateway-id': routes.map(r => r.GatewayId),
              'route.nat-gateway-id': routes.map(r => r.NatGatewayId),
              'route.state': routes.map(r => r.State),
            }[name]),
        );
      });
    const { page, nextToken } = paginate(
      matching,
      input.MaxResults,
      input.NextToken,
    );
    return { RouteTables: page, NextToken: nextToken };
  }),
};
