import {
  CreateVpc$,
  CreateVpcRequest,
  CreateVpcResult,
  DeleteVpc$,
  DeleteVpcRequest,
  DescribeVpcAttribute$,
  DescribeVpcAttributeRequest,
  DescribeVpcAttributeResult,
  DescribeVpcs$,
  DescribeVpcsRequest,
  DescribeVpcsResult,
  ModifyVpcAttribute$,
  ModifyVpcAttributeRequest,
  Vpc,
} from '@aws-sdk/client-ec2';
import {
  EC2_BLOCK_PREFIX_RANGE,
  Ipv4Block,
  parseIpv4Block,
} from '../../core/ipv4';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate, tagsFromSpecifications } from './describe';
import {
  dependencyViolation,
  invalidParameterValue,
  missingParameter,
  requireAll,
  vpcNotFound,
} from './errors';
import { interfacesHolding } from './networkInterfaces';
import { ec2Operation, tagList } from './operation';
import { createDefaultSecurityGroup } from './securityGroups';
import { Ec2Call, VpcRecord } from './store';

const VPCS_PER_REGION = 5;

/** Checks a CIDR as EC2 does for VPCs and subnets: syntax first, then the /16–/28 range. */
export function checkCidr(cidrBlock: string, rangeCode: string): Ipv4Block {
  const block = parseIpv4Block(cidrBlock);
  if (!block) {
    throw invalidParameterValue(
      `Value (${cidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`,
    );
  }
  const { shortest, longest } = EC2_BLOCK_PREFIX_RANGE;
  if (block.prefixLength < shortest || block.prefixLength > longest) {
    throw new AwsError(rangeCode, `The CIDR '${cidrBlock}' is invalid.`);
  }
  return block;
}

export function requireVpc(
  call: Ec2Call,
  vpcId: string | undefined,
): VpcRecord {
  if (!vpcId) throw missingParameter('vpcId');
  const record = call.store.vpcs.get(vpcId);
  if (!record) throw vpcNotFound(vpcId);
  return record;
}

/** Creates a VPC with what AWS adds to every VPC: main route table, default ACL and security group. */
export function createVpc(call: Ec2Call, input: CreateVpcRequest): VpcRecord {
  const { store, context, accountId } = call;
  if (!input.CidrBlock) {
    throw missingParameter(
      "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.",
    );
  }
  checkCidr(input.CidrBlock, 'InvalidVpc.Range');
  const tags = tagsFromSpecifications(input.TagSpecifications, 'vpc');
  if (store.vpcs.size >= VPCS_PER_REGION) {
    throw new AwsError(
      'VpcLimitExceeded',
      'The maximum number of VPCs has been reached.',
    );
  }
  store.dhcpOptionsId ??= context.state.nextId('dopt');
  const vpcId = context.state.nextId('vpc');
  const vpc: Vpc = {
    VpcId: vpcId,
    OwnerId: accountId,
    CidrBlock: input.CidrBlock,
    CidrBlockAssociationSet: [
      {
        AssociationId: context.state.nextId('vpc-cidr-assoc'),
        CidrBlock: input.CidrBlock,
        CidrBlockState: { State: 'associated' },
      },
    ],
    DhcpOptionsId: store.dhcpOptionsId,
    InstanceTenancy: input.InstanceTenancy ?? 'default',
    IsDefault: false,
    State: 'available',
    BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
  };
  const record: VpcRecord = {
    vpc,
    enableDnsSupport: true,
    enableDnsHostnames: false,
  };
  store.vpcs.set(vpcId, record);
  store.setTags(vpcId, tags);

  const mainRouteTableId = context.state.nextId('rtb');
  store.routeTables.set(mainRouteTableId, {
    RouteTableId: mainRouteTableId,
    VpcId: vpcId,
    OwnerId: accountId,
    Routes: [
      {
        DestinationCidrBlock: input.CidrBlock,
        GatewayId: 'local',
        Origin: 'CreateRouteTable',
        State: 'active',
      },
    ],
    Associations: [
      {
        Main: true,
        RouteTableAssociationId: context.state.nextId('rtbassoc'),
        RouteTableId: mainRouteTableId,
        AssociationState: { State: 'associated' },
      },
    ],
    PropagatingVgws: [],
  });
  const aclId = context.state.nextId('acl');
  const allowAll = (egress: boolean) => [
    {
      RuleNumber: 100,
      Protocol: '-1',
      RuleAction: 'allow' as const,
      Egress: egress,
      CidrBlock: '0.0.0.0/0',
    },
    {
      RuleNumber: 32767,
      Protocol: '-1',
      RuleAction: 'deny' as const,
      Egress: egress,
      CidrBlock: '0.0.0.0/0',
    },
  ];
  store.networkAcls.set(aclId, {
    NetworkAclId: aclId,
    VpcId: vpcId,
    OwnerId: accountId,
    IsDefault: true,
    Entries: [...allowAll(true), ...allowAll(false)],
    Associations: [],
  });
  createDefaultSecurityGroup(call, vpcId);
  return record;
}

export function describeVpc(call: Ec2Call, record: VpcRecord): Vpc {
  return { ...record.vpc, Tags: tagList(call.store, record.vpc.VpcId!) };
}

export const vpcOperations = {
  CreateVpc: ec2Operation<CreateVpcRequest, CreateVpcResult>(
    CreateVpc$,
    (input, call) => {
      const record = createVpc(call, input);
      // AWS answers CreateVpc before the VPC is ready; DescribeVpcs shows it available.
      return { Vpc: { ...describeVpc(call, record), State: 'pending' } };
    },
  ),

  DescribeVpcs: ec2Operation<DescribeVpcsRequest, DescribeVpcsResult>(
    DescribeVpcs$,
    (input, call) => {
      const { store } = call;
      requireAll(input.VpcIds, store.vpcs, vpcNotFound);
      const matching = [...store.vpcs.values()]
        .filter(r => !input.VpcIds || input.VpcIds.includes(r.vpc.VpcId!))
        .filter(r =>
          matchesFilters(input.Filters, store.tagsOf(r.vpc.VpcId!), name => {
            const v = r.vpc;
            const values: Record<string, (string | undefined)[]> = {
              'vpc-id': [v.VpcId],
              cidr: [v.CidrBlock],
              'cidr-block-association.cidr-block': [v.CidrBlock],
              state: [v.State],
              'is-default': [String(v.IsDefault)],
              'owner-id': [v.OwnerId],
              'dhcp-options-id': [v.DhcpOptionsId],
            };
            return values[name];
          }),
        );
      const { page, nextToken } = paginate(
        matching,
        input.MaxResults,
        input.NextToken,
      );
      return {
        Vpcs: page.map(r => describeVpc(call, r)),
        NextToken: nextToken,
      };
    },
  ),

  ModifyVpcAttribute: ec2Operation<ModifyVpcAttributeRequest, object>(
    ModifyVpcAttribute$,
    (input, call) => {
      const record = requireVpc(call, input.VpcId);
      const support = input.EnableDnsSupport?.Value;
      const hostnames = input.EnableDnsHostnames?.Value;
      if (support !== undefined && hostnames !== undefined) {
        throw new AwsError(
          'InvalidParameterCombination',
          'Fields for multiple attribute types specified: enableDnsHostnames, enableDnsSupport',
        );
      }
      if (support !== undefined) record.enableDnsSupport = support;
      if (hostnames !== undefined) record.enableDnsHostnames = hostnames;
      return {};
    },
  ),

  DescribeVpcAttribute: ec2Operation<
    DescribeVpcAttributeRequest,
    DescribeVpcAttributeResult
  >(DescribeVpcAttribute$, (input, call) => {
    const record = requireVpc(call, input.VpcId);
    switch (input.Attribute) {
      case 'enableDnsSupport':
        return {
          VpcId: input.VpcId,
          EnableDnsSupport: { Value: record.enableDnsSupport },
        };
      case 'enableDnsHostnames':
        return {
          VpcId: input.VpcId,
          EnableDnsHostnames: { Value: record.enableDnsHostnames },
        };
      case 'enableNetworkAddressUsageMetrics':
        return {
          VpcId: input.VpcId,
          EnableNetworkAddressUsageMetrics: { Value: false },
        };
      default:
        throw invalidParameterValue(
          `Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`,
        );
    }
  }),

  DeleteVpc: ec2Operation<DeleteVpcRequest, object>(
    DeleteVpc$,
    (input, call) => {
      const { store } = call;
      const { vpc } = requireVpc(call, input.VpcId);
      const vpcId = vpc.VpcId!;
      const inVpc = <T extends { VpcId?: string }>(items: Iterable<T>) =>
        [...items].filter(item => item.VpcId === vpcId);
      const blocked =
        inVpc(store.subnets.values()).length > 0 ||
        [...store.internetGateways.values()].some(igw =>
          igw.Attachments?.some(a => a.VpcId === vpcId),
        ) ||
        inVpc(store.routeTables.values()).some(
          rtb => !rtb.Associations?.some(a => a.Main),
        ) ||
        [...store.securityGroups.values()].some(
          sg => sg.vpcId === vpcId && sg.groupName !== 'default',
        ) ||
        interfacesHolding(call, eni => eni.VpcId === vpcId).length > 0;
      if (blocked) throw dependencyViolation('vpc', vpcId);
      const owned = [
        ...inVpc(store.routeTables.values()).map(r => r.RouteTableId!),
        ...inVpc(store.networkAcls.values()).map(a => a.NetworkAclId!),
        ...[...store.securityGroups.values()]
          .filter(sg => sg.vpcId === vpcId)
          .map(sg => sg.groupId),
        ...[...store.flowLogs.values()]
          .filter(fl => fl.ResourceId === vpcId)
          .map(fl => fl.FlowLogId!),
        vpcId,
      ];
      for (const id of owned) {
        store.routeTables.delete(id);
        store.networkAcls.delete(id);
        store.securityGroups.delete(id);
        store.flowLogs.delete(id);
        store.tags.delete(id);
      }
      store.vpcs.delete(vpcId);
      return {};
    },
  ),
};
