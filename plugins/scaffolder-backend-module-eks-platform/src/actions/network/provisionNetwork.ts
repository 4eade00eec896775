/**
 * The steps that build an environment's network. Each resource is a find-or-create step
 * and each change to one (attribute, rule, route, association) a read-then-change step,
 * every one inside a checkpoint, so running them again converges instead of duplicating.
 */
import {
  AllocateAddressCommand,
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  CreateFlowLogsCommand,
  CreateInternetGatewayCommand,
  CreateNatGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcAttributeCommand,
  EC2Client,
  IpPermission,
  ModifyVpcAttributeCommand,
  NatGateway,
  DeleteFlowLogsCommand,
  DescribeFlowLogsCommand,
  paginateDescribeFlowLogs,
  paginateDescribeNatGateways,
  paginateDescribeRouteTables,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  ReplaceRouteCommand,
  ResourceType,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
  Tag,
  waitUntilNatGatewayAvailable,
  waitUntilVpcAvailable,
} from '@aws-sdk/client-ec2';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import { retryWhileNotFound } from '../shared/awsErrors';
import {
  CheckpointedSteps,
  FoundResource,
  StepOutcome,
} from '../shared/checkpointedSteps';
import {
  COMPONENT_TAG,
  componentTags,
  describeResource,
  TagMap,
  tagFilters,
  tagSpecifications,
  toTagList,
} from '../shared/tagging';
import {
  waiterTiming,
  waitWithProgress,
  WaitSettings,
} from '../shared/waiting';
import {
  attachmentKey,
  collect,
  isLiveNatGateway,
  routeKey,
} from './discovery';
import {
  FLOW_LOG_DESTINATION_FIELD,
  type FlowLogDestination,
} from './flowLogDestination';
import {
  NETWORK_COMPONENTS as C,
  natZoneFor,
  natZonesOf,
  networkNames,
  planNetwork,
} from './networkPlan';

const ANYWHERE = '0.0.0.0/0';

export interface CreatedNetworkResource {
  type: string;
  name: string;
  component: string;
  id: string;
  outcome: StepOutcome;
}

export interface NetworkOutputs {
  vpcId: string;
  /** In the order of the spec's availability zones. */
  publicSubnetIds: string[];
  privateSubnetIds: string[];
  /** One per NAT zone, in zone order. */
  natGatewayIds: string[];
  internetGatewayId: string;
  /** The public route table first, then one private route table per zone. */
  routeTableIds: string[];
  flowLogId: string;
  resources: CreatedNetworkResource[];
}

export interface ProvisionNetworkOptions {
  ec2: EC2Client;
  spec: EnvironmentSpec;
  destination: FlowLogDestination;
  steps: CheckpointedSteps;
  /** Tags every resource of this task carries (`environmentTags`). */
  tags: TagMap;
  logger: LoggerService;
  waitSettings: WaitSettings;
  /**
   * Wait until the NAT gateways are available before routing the private subnets through
   * them and returning. When false the routes are created to the pending gateways (EC2
   * accepts that) and the action returns at once: the cluster does not need egress, and
   * `eks-platform:nodegroup:create` waits for the gateways before it creates nodes.
   */
  waitForNatGateways: boolean;
  abortSignal?: AbortSignal;
  /** Delays between retries of a NotFound right after a create (EC2 eventual consistency). */
  notFoundRetryDelaysMs?: readonly number[];
}

const found = (id: string | undefined, tags: Tag[] | undefined) => ({
  id: id!,
  label: describeResource(id, tags),
});

/** Sorted so that, should duplicates exist, every run picks the same one. */
const byId = (a: FoundResource, b: FoundResource) => a.id.localeCompare(b.id);

/** Only the fields a revoke matches on; descriptions and owner ids are left out. */
function ruleOf(permission: IpPermission): IpPermission {
  const allProtocols = permission.IpProtocol === '-1';
  return {
    IpProtocol: permission.IpProtocol,
    ...(allProtocols
      ? {}
      : { FromPort: permission.FromPort, ToPort: permission.ToPort }),
    ...(permission.IpRanges?.length
      ? { IpRanges: permission.IpRanges.map(r => ({ CidrIp: r.CidrIp })) }
      : {}),
    ...(permission.Ipv6Ranges?.length
      ? {
          Ipv6Ranges: permission.Ipv6Ranges.map(r => ({
            CidrIpv6: r.CidrIpv6,
          })),
        }
      : {}),
    ...(permission.PrefixListIds?.length
      ? {
          PrefixListIds: permission.PrefixListIds.map(p => ({
            PrefixListId: p.PrefixListId,
          })),
        }
      : {}),
    ...(permission.UserIdGroupPairs?.length
      ? {
          UserIdGroupPairs: permission.UserIdGroupPairs.map(p => ({
            GroupId: p.GroupId,
          })),
        }
      : {}),
  };
}

/** Creates (or finds again) every network resource of the spec and returns their ids. */
export async function provisionNetwork(
  options: ProvisionNetworkOptions,
): Promise<NetworkOutputs> {
  const { ec2, spec, destination, steps, logger, waitSettings } = options;
  const { abortSignal } = options;
  const names = networkNames(spec);
  const zones = spec.availabilityZones;
  const natZones = natZonesOf(spec);
  const plan = planNetwork(spec, destination);
  const resources: CreatedNetworkResource[] = [];
  // Every call is cancelled with the task. (The SDK's overloads of `send` cannot be
  // forwarded generically, hence the cast.)
  const send = ((command: Parameters<EC2Client['send']>[0]) =>
    ec2.send(command, { abortSignal })) as EC2Client['send'];
  const soon = <T>(call: () => Promise<T>) =>
    retryWhileNotFound(call, options.notFoundRetryDelaysMs);
  const filters = (component: string, vpcId?: string) => [
    ...tagFilters(spec.name, { component }),
    ...(vpcId ? [{ Name: 'vpc-id', Values: [vpcId] }] : []),
  ];
  const tagged = (
    resourceType: ResourceType,
    component: string,
    name: string,
    extra: TagMap = {},
  ) =>
    tagSpecifications(
      resourceType,
      componentTags(options.tags, component, name, extra),
    );
  const record = (component: string, id: string, outcome: StepOutcome) => {
    const planned = plan.find(p => p.component === component)!;
    resources.push({
      type: planned.type,
      name: planned.name,
      component,
      id,
      outcome,
    });
    return id;
  };

  // VPC, its DNS attributes (EKS nodes need both) and its default security group.
  const vpc = await steps.resource({
    component: C.vpc,
    kind: 'VPC',
    name: names.vpc,
    find: async () => ({
      live: (
        await collect(
          paginateDescribeVpcs({ client: ec2 }, { Filters: filters(C.vpc) }),
          p => p.Vpcs,
        )
      )
        .map(v => found(v.VpcId, v.Tags))
        .sort(byId),
    }),
    create: async () => {
      const { Vpc } = await send(
        new CreateVpcCommand({
          CidrBlock: spec.network.vpcCidr,
          TagSpecifications: tagged('vpc', C.vpc, names.vpc),
        }),
      );
      if (Vpc?.State !== 'available') {
        await waitUntilVpcAvailable(
          { client: ec2, ...waiterTiming(waitSettings, abortSignal) },
          { VpcIds: [Vpc!.VpcId!] },
        );
      }
      return Vpc!.VpcId!;
    },
  });
  const vpcId = record(C.vpc, vpc.id, vpc.outcome);

  // DNS support first: AWS refuses DNS hostnames without it. One attribute per call.
  for (const attribute of ['enableDnsSupport', 'enableDnsHostnames'] as const) {
    await steps.run(
      `${C.vpc}.${attribute}`,
      async () => {
        const current = await send(
          new DescribeVpcAttributeCommand({
            VpcId: vpcId,
            Attribute: attribute,
          }),
        );
        const value =
          attribute === 'enableDnsSupport'
            ? current.EnableDnsSupport?.Value
            : current.EnableDnsHostnames?.Value;
        if (value !== true) {
          await soon(() =>
            send(
              new ModifyVpcAttributeCommand({
                VpcId: vpcId,
                [attribute === 'enableDnsSupport'
                  ? 'EnableDnsSupport'
                  : 'EnableDnsHostnames']: { Value: true },
              }),
            ),
          );
          logger.info(`Turned on ${attribute} of VPC ${vpcId}`);
        }
        return true;
      },
      () => true,
    );
  }

  // A VPC's default security group lets every member talk to every other and out
  // anywhere; anything launched without a group lands in it. Strip it so that cannot
  // happen silently (CIS AWS Foundations 5.4); EKS creates the groups it needs.
  await steps.run(
    C.defaultSecurityGroup,
    async () => {
      const { SecurityGroups = [] } = await soon(() =>
        send(
          new DescribeSecurityGroupsCommand({
            Filters: [
              { Name: 'vpc-id', Values: [vpcId] },
              { Name: 'group-name', Values: ['default'] },
            ],
          }),
        ),
      );
      const group = SecurityGroups[0];
      if (!group?.GroupId) {
        throw new Error(`VPC ${vpcId} has no default security group`);
      }
      const ingress = (group.IpPermissions ?? []).map(ruleOf);
      const egress = (group.IpPermissionsEgress ?? []).map(ruleOf);
      if (ingress.length > 0) {
        await send(
          new RevokeSecurityGroupIngressCommand({
            GroupId: group.GroupId,
            IpPermissions: ingress,
          }),
        );
      }
      if (egress.length > 0) {
        await send(
          new RevokeSecurityGroupEgressCommand({
            GroupId: group.GroupId,
            IpPermissions: egress,
          }),
        );
      }
      if (!group.Tags?.some(t => t.Key === COMPONENT_TAG)) {
        await send(
          new CreateTagsCommand({
            Resources: [group.GroupId],
            Tags: toTagList(
              componentTags(
                options.tags,
                C.defaultSecurityGroup,
                names.defaultSecurityGroup,
              ),
            ),
          }),
        );
      }
      logger.info(
        ingress.length + egress.length > 0
          ? `Removed the ${ingress.length} inbound and ${egress.length} outbound rule(s) of default security group ${group.GroupId}`
          : `Default security group ${group.GroupId} has no rules`,
      );
      return group.GroupId;
    },
    () => true,
  );

  // Flow logs from the start, so the rest of the build is recorded too.
  // EC2 accepts a flow log to a log group it cannot write to and reports the delivery as
  // FAILED: a network that logs nothing would pass every later step unnoticed.
  const refuseUndeliverable = async (flowLogId: string) => {
    const { FlowLogs = [] } = await soon(() =>
      send(new DescribeFlowLogsCommand({ FlowLogIds: [flowLogId] })),
    );
    const delivery = FlowLogs[0];
    if (delivery?.DeliverLogsStatus !== 'FAILED') return;
    await send(new DeleteFlowLogsCommand({ FlowLogIds: [flowLogId] }));
    throw new Error(
      `${FLOW_LOG_DESTINATION_FIELD}: VPC flow logs cannot be delivered to ${
        destination.arn
      } (${
        delivery.DeliverLogsErrorMessage ?? 'delivery failed'
      }); check that it exists and that the delivery role may write to it`,
    );
  };
  const flowLog = await steps.resource({
    component: C.flowLog,
    kind: 'flow log',
    name: names.flowLog,
    find: async () => ({
      live: (
        await collect(
          paginateDescribeFlowLogs(
            { client: ec2 },
            {
              Filter: [
                ...filters(C.flowLog),
                { Name: 'resource-id', Values: [vpcId] },
              ],
            },
          ),
          p => p.FlowLogs,
        )
      )
        .map(f => found(f.FlowLogId, f.Tags))
        .sort(byId),
    }),
    create: async clientToken => {
      const result = await soon(() =>
        send(
          new CreateFlowLogsCommand({
            ClientToken: clientToken,
            ResourceIds: [vpcId],
            ResourceType: 'VPC',
            TrafficType: 'ALL',
            LogDestinationType: destination.type,
            LogDestination: destination.arn,
            ...(destination.type === 'cloud-watch-logs'
              ? { DeliverLogsPermissionArn: destination.deliveryRoleArn }
              : {}),
            TagSpecifications: tagged('vpc-flow-log', C.flowLog, names.flowLog),
          }),
        ),
      );
      // CreateFlowLogs answers 200 and lists what it could not create.
      const failure = result.Unsuccessful?.[0]?.Error;
      if (failure || !result.FlowLogIds?.[0]) {
        throw new Error(
          `CreateFlowLogs did not create the flow log of ${vpcId}: ${
            failure ? `${failure.Code}: ${failure.Message}` : 'no id returned'
          }`,
        );
      }
      const flowLogId = result.FlowLogIds[0];
      await refuseUndeliverable(flowLogId);
      return flowLogId;
    },
  });
  const flowLogId = record(C.flowLog, flowLog.id, flowLog.outcome);

  // Subnets, with the tags the AWS Load Balancer Controller picks subnets by. Public
  // subnets do not give instances public addresses: only load balancers and NAT
  // gateways live there.
  const subnet = async (
    zone: string,
    index: number,
    kind: 'public' | 'private',
  ) => {
    const component =
      kind === 'public' ? C.publicSubnet(zone) : C.privateSubnet(zone);
    const name =
      kind === 'public' ? names.publicSubnet(zone) : names.privateSubnet(zone);
    const cidr =
      kind === 'public'
        ? spec.network.publicSubnetCidrs[index]
        : spec.network.privateSubnetCidrs[index];
    const result = await steps.resource({
      component,
      kind: `${kind} subnet`,
      name,
      find: async () => ({
        live: (
          await collect(
            paginateDescribeSubnets(
              { client: ec2 },
              { Filters: filters(component, vpcId) },
            ),
            p => p.Subnets,
          )
        )
          .map(s => found(s.SubnetId, s.Tags))
          .sort(byId),
      }),
      create: async () => {
        const { Subnet } = await soon(() =>
          send(
            new CreateSubnetCommand({
              VpcId: vpcId,
              CidrBlock: cidr,
              AvailabilityZone: zone,
              TagSpecifications: tagged('subnet', component, name, {
                [kind === 'public'
                  ? 'kubernetes.io/role/elb'
                  : 'kubernetes.io/role/internal-elb']: '1',
              }),
            }),
          ),
        );
        return Subnet!.SubnetId!;
      },
    });
    return record(component, result.id, result.outcome);
  };
  const publicSubnetIds: string[] = [];
  for (const [index, zone] of zones.entries()) {
    publicSubnetIds.push(await subnet(zone, index, 'public'));
  }
  const privateSubnetIds: string[] = [];
  for (const [index, zone] of zones.entries()) {
    privateSubnetIds.push(await subnet(zone, index, 'private'));
  }

  // Internet gateway, attached.
  const gateway = await steps.resource({
    component: C.internetGateway,
    kind: 'internet gateway',
    name: names.internetGateway,
    find: async () => {
      const { InternetGateways = [] } = await send(
        new DescribeInternetGatewaysCommand({
          Filters: filters(C.internetGateway),
        }),
      );
      return {
        live: InternetGateways.map(g =>
          found(g.InternetGatewayId, g.Tags),
        ).sort(byId),
      };
    },
    create: async () => {
      const { InternetGateway } = await send(
        new CreateInternetGatewayCommand({
          TagSpecifications: tagged(
            'internet-gateway',
            C.internetGateway,
            names.internetGateway,
          ),
        }),
      );
      return InternetGateway!.InternetGatewayId!;
    },
  });
  const internetGatewayId = record(
    C.internetGateway,
    gateway.id,
    gateway.outcome,
  );
  await steps.run(
    `${C.internetGateway}.attachment`,
    async () => {
      const { InternetGateways = [] } = await soon(() =>
        send(
          new DescribeInternetGatewaysCommand({
            InternetGatewayIds: [internetGatewayId],
          }),
        ),
      );
      const attachments = (InternetGateways[0]?.Attachments ?? []).filter(
        a => a.State !== 'detached' && a.State !== 'detaching',
      );
      const other = attachments.find(a => a.VpcId !== vpcId);
      if (other) {
        throw new ConflictError(
          `Internet gateway ${internetGatewayId} is attached to ${other.VpcId}, not to ${vpcId}`,
        );
      }
      if (attachments.length === 0) {
        await soon(() =>
          send(
            new AttachInternetGatewayCommand({
              InternetGatewayId: internetGatewayId,
              VpcId: vpcId,
            }),
          ),
        );
        logger.info(
          `Attached internet gateway ${internetGatewayId} to ${vpcId}`,
        );
      }
      return attachmentKey(internetGatewayId, vpcId);
    },
    key => steps.isLive(key),
  );

  // Route tables: find-or-create, then the default route and the associations.
  const routeTable = async (component: string, name: string) => {
    const result = await steps.resource({
      component,
      kind: 'route table',
      name,
      find: async () => ({
        live: (
          await collect(
            paginateDescribeRouteTables(
              { client: ec2 },
              { Filters: filters(component, vpcId) },
            ),
            p => p.RouteTables,
          )
        )
          .map(t => found(t.RouteTableId, t.Tags))
          .sort(byId),
      }),
      create: async clientToken => {
        const { RouteTable } = await soon(() =>
          send(
            new CreateRouteTableCommand({
              VpcId: vpcId,
              ClientToken: clientToken,
              TagSpecifications: tagged('route-table', component, name),
            }),
          ),
        );
        return RouteTable!.RouteTableId!;
      },
    });
    return record(component, result.id, result.outcome);
  };
  const defaultRoute = (
    component: string,
    routeTableId: string,
    target: { GatewayId: string } | { NatGatewayId: string },
  ) => {
    const targetId =
      'GatewayId' in target ? target.GatewayId : target.NatGatewayId;
    return steps.run(
      `${component}.default-route`,
      async () => {
        const { RouteTables = [] } = await soon(() =>
          send(
            new DescribeRouteTablesCommand({ RouteTableIds: [routeTableId] }),
          ),
        );
        const route = RouteTables[0]?.Routes?.find(
          r => r.DestinationCidrBlock === ANYWHERE,
        );
        const current = route?.GatewayId ?? route?.NatGatewayId;
        const input = {
          RouteTableId: routeTableId,
          DestinationCidrBlock: ANYWHERE,
          ...target,
        };
        if (!route) {
          await soon(() => send(new CreateRouteCommand(input)));
          logger.info(
            `Added route ${ANYWHERE} → ${targetId} to route table ${routeTableId}`,
          );
        } else if (current !== targetId) {
          // e.g. the NAT gateway it pointed to failed and was replaced: a blackhole route.
          await soon(() => send(new ReplaceRouteCommand(input)));
          logger.info(
            `Replaced route ${ANYWHERE} → ${current} (${route.State}) of route table ${routeTableId} with → ${targetId}`,
          );
        }
        return routeKey(routeTableId, ANYWHERE, targetId);
      },
      key => steps.isLive(key),
    );
  };
  const association = (
    component: string,
    zone: string,
    routeTableId: string,
    subnetId: string,
  ) =>
    steps.run(
      `${component}.association-${zone}`,
      async () => {
        const tables = await collect(
          paginateDescribeRouteTables(
            { client: ec2 },
            {
              Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }],
            },
          ),
          p => p.RouteTables,
        );
        const existing = tables
          .flatMap(t => t.Associations ?? [])
          .find(
            a =>
              a.SubnetId === subnetId &&
              !a.Main &&
              (a.AssociationState?.State ?? 'associated').startsWith(
                'associat',
              ),
          );
        if (existing?.RouteTableId === routeTableId) {
          return existing.RouteTableAssociationId!;
        }
        if (existing) {
          throw new ConflictError(
            `Subnet ${subnetId} is associated with route table ${existing.RouteTableId}, not ${routeTableId} (association ${existing.RouteTableAssociationId}); remove that association and retry`,
          );
        }
        const { AssociationId } = await soon(() =>
          send(
            new AssociateRouteTableCommand({
              RouteTableId: routeTableId,
              SubnetId: subnetId,
            }),
          ),
        );
        logger.info(
          `Associated subnet ${subnetId} with route table ${routeTableId}`,
        );
        return AssociationId!;
      },
      id => steps.isLive(id),
    );

  const publicRouteTableId = await routeTable(
    C.publicRouteTable,
    names.publicRouteTable,
  );
  await defaultRoute(C.publicRouteTable, publicRouteTableId, {
    GatewayId: internetGatewayId,
  });
  for (const [index, zone] of zones.entries()) {
    await association(
      C.publicRouteTable,
      zone,
      publicRouteTableId,
      publicSubnetIds[index],
    );
  }

  // Elastic IPs and NAT gateways, one per zone (or one for all in single mode).
  const allocationIds = new Map<string, string>();
  for (const zone of natZones) {
    const component = C.natAddress(zone);
    const address = await steps.resource({
      component,
      kind: 'Elastic IP',
      name: names.nat(zone),
      find: async () => {
        const { Addresses = [] } = await send(
          new DescribeAddressesCommand({ Filters: filters(component) }),
        );
        return {
          live: Addresses.map(a => found(a.AllocationId, a.Tags)).sort(byId),
        };
      },
      create: async () => {
        const { AllocationId } = await send(
          new AllocateAddressCommand({
            Domain: 'vpc',
            TagSpecifications: tagged('elastic-ip', component, names.nat(zone)),
          }),
        );
        return AllocationId!;
      },
    });
    allocationIds.set(zone, record(component, address.id, address.outcome));
  }
  const natGatewayIds = new Map<string, string>();
  for (const zone of natZones) {
    const component = C.natGateway(zone);
    const nat = await steps.resource({
      component,
      kind: 'NAT gateway',
      name: names.nat(zone),
      find: async () => {
        const all = await collect(
          paginateDescribeNatGateways(
            { client: ec2 },
            { Filter: filters(component, vpcId) },
          ),
          p => p.NatGateways,
        );
        return {
          live: all
            .filter(isLiveNatGateway)
            .map(n => found(n.NatGatewayId, n.Tags))
            .sort(byId),
          gone: all.filter(n => !isLiveNatGateway(n)).length,
        };
      },
      create: async clientToken => {
        const created = await soon(() =>
          send(
            new CreateNatGatewayCommand({
              ClientToken: clientToken,
              SubnetId: publicSubnetIds[zones.indexOf(zone)],
              AllocationId: allocationIds.get(zone),
              ConnectivityType: 'public',
              TagSpecifications: tagged(
                'natgateway',
                component,
                names.nat(zone),
              ),
            }),
          ),
        );
        return created.NatGateway!.NatGatewayId!;
      },
    });
    natGatewayIds.set(zone, record(component, nat.id, nat.outcome));
  }
  if (options.waitForNatGateways) {
    await waitForNatGateways(ec2, [...natGatewayIds.values()], {
      logger,
      waitSettings,
      abortSignal,
    });
  } else {
    logger.info(
      `Not waiting for the ${natGatewayIds.size} NAT gateway(s) (${[
        ...natGatewayIds.values(),
      ].join(
        ', ',
      )}) to become available (waitForNatGateways is false): the private subnets are routed through them now, and eks-platform:nodegroup:create waits for them before it creates the node groups`,
    );
  }

  // Private route tables: egress through the zone's NAT gateway (or the single one).
  // EC2 takes a route to a NAT gateway that is still pending (traffic flows once it is
  // available); right after the create it may answer InvalidNatGatewayID.NotFound for a
  // moment, which `soon` retries.
  const privateRouteTableIds: string[] = [];
  for (const [index, zone] of zones.entries()) {
    const component = C.privateRouteTable(zone);
    const routeTableId = await routeTable(
      component,
      names.privateRouteTable(zone),
    );
    await defaultRoute(component, routeTableId, {
      NatGatewayId: natGatewayIds.get(natZoneFor(spec, zone))!,
    });
    await association(component, zone, routeTableId, privateSubnetIds[index]);
    privateRouteTableIds.push(routeTableId);
  }
  steps.current = undefined;

  return {
    vpcId,
    publicSubnetIds,
    privateSubnetIds,
    natGatewayIds: natZones.map(zone => natGatewayIds.get(zone)!),
    internetGatewayId,
    routeTableIds: [publicRouteTableId, ...privateRouteTableIds],
    flowLogId,
    resources,
  };
}

/**
 * Waits with the SDK's waiter until every NAT gateway is available. When one fails, says
 * which and why (the waiter only reports its last response).
 */
async function waitForNatGateways(
  ec2: EC2Client,
  natGatewayIds: string[],
  options: {
    logger: LoggerService;
    waitSettings: WaitSettings;
    abortSignal?: AbortSignal;
  },
): Promise<void> {
  const what = `${natGatewayIds.length} NAT gateway(s) (${natGatewayIds.join(
    ', ',
  )}) to become available`;
  try {
    await waitWithProgress({
      logger: options.logger,
      what,
      settings: options.waitSettings,
      abortSignal: options.abortSignal,
      wait: timing =>
        waitUntilNatGatewayAvailable(
          { client: ec2, ...timing },
          { NatGatewayIds: natGatewayIds },
        ),
    });
  } catch (error) {
    const { NatGateways = [] } = await ec2
      .send(new DescribeNatGatewaysCommand({ NatGatewayIds: natGatewayIds }))
      .catch(() => ({ NatGateways: [] as NatGateway[] }));
    const states = NatGateways.map(
      n =>
        `${n.NatGatewayId} ${n.State}${
          n.FailureCode ? ` (${n.FailureCode}: ${n.FailureMessage})` : ''
        }`,
    );
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `not all available after ${options.waitSettings.maxWaitTimeSeconds}s`
        : 'not all available';
    throw new Error(
      `NAT gateways ${reason}: ${
        states.join('; ') || (error as Error).message
      }`,
      { cause: error },
    );
  }
}
