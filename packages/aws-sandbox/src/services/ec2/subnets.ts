import {
  CreateSubnet$,
  CreateSubnetRequest,
  CreateSubnetResult,
  DeleteSubnet$,
  DeleteSubnetRequest,
  DescribeSubnets$,
  DescribeSubnetsRequest,
  DescribeSubnetsResult,
  ModifySubnetAttribute$,
  ModifySubnetAttributeRequest,
  Subnet,
} from '@aws-sdk/client-ec2';
import {
  addressesIn,
  blockContains,
  blocksOverlap,
  EC2_RESERVED_ADDRESSES_PER_SUBNET,
  parseIpv4Block,
} from '../../core/ipv4';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate, tagsFromSpecifications } from './describe';
import {
  dependencyViolation,
  invalidParameterValue,
  missingParameter,
  requireAll,
  subnetNotFound,
} from './errors';
import { isNatGatewayGone } from './natGateways';
import { interfacesHolding } from './networkInterfaces';
import { ec2Operation, tagList } from './operation';
import { Ec2Call } from './store';
import { checkCidr, requireVpc } from './vpcs';
import { availabilityZonesOf, zoneIdOf } from './zones';

export function requireSubnet(
  call: Ec2Call,
  subnetId: string | undefined,
): Subnet {
  if (!subnetId) throw missingParameter('subnetId');
  const subnet = call.store.subnets.get(subnetId);
  if (!subnet) throw subnetNotFound(subnetId);
  return subnet;
}

/** Usable addresses (size − 5) minus those NAT gateways and other services took. */
export function availableAddressCount(call: Ec2Call, subnet: Subnet): number {
  const { prefixLength } = parseIpv4Block(subnet.CidrBlock!)!;
  const natGateways = [...call.store.natGateways.values()].filter(
    nat => nat.subnetId === subnet.SubnetId && !isNatGatewayGone(call, nat),
  ).length;
  const others = call.store.addressesInUse.get(subnet.SubnetId!) ?? 0;
  return (
    addressesIn(prefixLength) -
    EC2_RESERVED_ADDRESSES_PER_SUBNET -
    natGateways -
    others
  );
}

export function createSubnet(
  call: Ec2Call,
  input: CreateSubnetRequest,
): Subnet {
  const { store, context, accountId, region } = call;
  const { vpc } = requireVpc(call, input.VpcId);
  if (!input.CidrBlock) throw missingParameter('cidrBlock');
  const cidr = checkCidr(input.CidrBlock, 'InvalidSubnet.Range');
  if (!blockContains(parseIpv4Block(vpc.CidrBlock!)!, cidr)) {
    throw new AwsError(
      'InvalidSubnet.Range',
      `The CIDR '${input.CidrBlock}' is invalid.`,
    );
  }
  const conflict = [...store.subnets.values()].some(
    s =>
      s.VpcId === vpc.VpcId &&
      blocksOverlap(parseIpv4Block(s.CidrBlock!)!, cidr),
  );
  if (conflict) {
    throw new AwsError(
      'InvalidSubnet.Conflict',
      `The CIDR '${input.CidrBlock}' conflicts with another subnet`,
    );
  }
  const zones = availabilityZonesOf(region);
  const zone =
    input.AvailabilityZone ??
    zones.find(z => zoneIdOf(z) === input.AvailabilityZoneId) ??
    zones[0];
  if (!zones.includes(zone)) {
    throw invalidParameterValue(
      `Value (${zone}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.join(
        ', ',
      )}.`,
    );
  }
  const tags = tagsFromSpecifications(input.TagSpecifications, 'subnet');
  const subnetId = context.state.nextId('subnet');
  const subnet: Subnet = {
    SubnetId: subnetId,
    SubnetArn: `arn:aws:ec2:${region}:${accountId}:subnet/${subnetId}`,
    VpcId: vpc.VpcId,
    CidrBlock: input.CidrBlock,
    AvailabilityZone: zone,
    AvailabilityZoneId: zoneIdOf(zone),
    OwnerId: accountId,
    State: 'available',
    DefaultForAz: false,
    MapPublicIpOnLaunch: false,
    MapCustomerOwnedIpOnLaunch: false,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    EnableDns64: false,
    Ipv6Native: false,
    PrivateDnsNameOptionsOnLaunch: {
      HostnameType: 'ip-name',
      EnableResourceNameDnsARecord: false,
      EnableResourceNameDnsAAAARecord: false,
    },
  };
  store.subnets.set(subnetId, subnet);
  store.setTags(subnetId, tags);
  return subnet;
}

export function describeSubnet(call: Ec2Call, subnet: Subnet): Subnet {
  return {
    ...subnet,
    AvailableIpAddressCount: availableAddressCount(call, subnet),
    Tags: tagList(call.store, subnet.SubnetId!),
  };
}

export const subnetOperations = {
  CreateSubnet: ec2Operation<CreateSubnetRequest, CreateSubnetResult>(
    CreateSubnet$,
    (input, call) => ({
      Subnet: describeSubnet(call, createSubnet(call, input)),
    }),
  ),

  DescribeSubnets: ec2Operation<DescribeSubnetsRequest, DescribeSubnetsResult>(
    DescribeSubnets$,
    (input, call) => {
      const { store } = call;
      requireAll(input.SubnetIds, store.subnets, subnetNotFound);
      const matching = [...store.subnets.values()]
        .filter(s => !input.SubnetIds || input.SubnetIds.includes(s.SubnetId!))
        .filter(s =>
          matchesFilters(
            input.Filters,
            store.tagsOf(s.SubnetId!),
            name =>
              ({
                'subnet-id': [s.SubnetId],
                'vpc-id': [s.VpcId],
                'availability-zone': [s.AvailabilityZone],
                'availability-zone-id': [s.AvailabilityZoneId],
                'cidr-block': [s.CidrBlock],
                cidr: [s.CidrBlock],
                state: [s.State],
                'owner-id': [s.OwnerId],
                'default-for-az': [String(s.DefaultForAz)],
                'map-public-ip-on-launch': [String(s.MapPublicIpOnLaunch)],
                'subnet-arn': [s.SubnetArn],
              }[name]),
          ),
        );
      const { page, nextToken } = paginate(
        matching,
        input.MaxResults,
        input.NextToken,
      );
      return {
        Subnets: page.map(s => describeSubnet(call, s)),
        NextToken: nextToken,
      };
    },
  ),

  ModifySubnetAttribute: ec2Operation<ModifySubnetAttributeRequest, object>(
    ModifySubnetAttribute$,
    (input, call) => {
      const subnet = requireSubnet(call, input.SubnetId);
      const mapPublicIp = input.MapPublicIpOnLaunch?.Value;
      if (mapPublicIp !== undefined) subnet.MapPublicIpOnLaunch = mapPublicIp;
      return {};
    },
  ),

  DeleteSubnet: ec2Operation<DeleteSubnetRequest, object>(
    DeleteSubnet$,
    (input, call) => {
      const { store } = call;
      const subnet = requireSubnet(call, input.SubnetId);
      const subnetId = subnet.SubnetId!;
      const inUse =
        [...store.natGateways.values()].some(
          nat => nat.subnetId === subnetId && !isNatGatewayGone(call, nat),
        ) ||
        (store.addressesInUse.get(subnetId) ?? 0) > 0 ||
        interfacesHolding(call, eni => eni.SubnetId === subnetId).length > 0;
      if (inUse) throw dependencyViolation('subnet', subnetId);
      // Like AWS, a route table association does not hold a subnet back: it goes with it.
      for (const table of store.routeTables.values()) {
        table.Associations = table.Associations?.filter(
          a => a.SubnetId !== subnetId,
        );
      }
      store.subnets.delete(subnetId);
      store.tags.delete(subnetId);
      return {};
    },
  ),
};
