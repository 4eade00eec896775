import {
  CreateNatGateway$,
  CreateNatGatewayRequest,
  CreateNatGatewayResult,
  DeleteNatGateway$,
  DeleteNatGatewayRequest,
  DeleteNatGatewayResult,
  DescribeNatGateways$,
  DescribeNatGatewaysRequest,
  DescribeNatGatewaysResult,
  NatGateway,
  NatGatewayState,
} from '@aws-sdk/client-ec2';
import { formatIpv4Address, parseIpv4Block } from '../../core/ipv4';
import { AWS_DURATIONS } from '../../core/clock';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate, tagsFromSpecifications } from './describe';
import {
  allocationNotFound,
  missingParameter,
  natGatewayNotFound,
} from './errors';
import { ec2Operation, idempotent, tagList } from './operation';
import { Ec2Call, NatGatewayRecord } from './store';
import { requireSubnet } from './subnets';

/** The state AWS would report now: pending → available (or failed), deleting → deleted. */
export function natGatewayState(
  call: Ec2Call,
  nat: NatGatewayRecord,
): NatGatewayState {
  const now = call.context.clock.nowMillis();
  if (nat.deletedAt !== undefined)
    return now >= nat.deletedAt ? 'deleted' : 'deleting';
  if (now < nat.readyAt) return 'pending';
  return nat.failure ? 'failed' : 'available';
}

/** A deleted or failed gateway no longer holds its Elastic IP nor a subnet address. */
export function isNatGatewayGone(
  call: Ec2Call,
  nat: NatGatewayRecord,
): boolean {
  const state = natGatewayState(call, nat);
  return state === 'deleted' || state === 'failed';
}

/** The gateway holding an Elastic IP, if any. */
export function natGatewayUsing(call: Ec2Call, allocationId: string) {
  return [...call.store.natGateways.values()].find(
    nat => nat.allocationId === allocationId && !isNatGatewayGone(call, nat),
  );
}

/** Whether other EC2 calls see the gateway yet (see AWS_DURATIONS.ec2EventualConsistency). */
export function isNatGatewayVisible(
  call: Ec2Call,
  nat: NatGatewayRecord | undefined,
): nat is NatGatewayRecord {
  return nat !== undefined && call.context.clock.nowMillis() >= nat.visibleAt;
}

export function createNatGateway(
  call: Ec2Call,
  input: CreateNatGatewayRequest,
  /** Seeding passes the creation time of a gateway that is already available. */
  options: { createdAt?: number } = {},
): NatGatewayRecord {
  const { store, context } = call;
  const { id } = idempotent(call, input.ClientToken, () => {
    const subnet = requireSubnet(call, input.SubnetId);
    if (!input.AllocationId) throw missingParameter('allocationId');
    if (!store.addresses.has(input.AllocationId))
      throw allocationNotFound(input.AllocationId);
    if (natGatewayUsing(call, input.AllocationId)) {
      throw new AwsError(
        'Resource.AlreadyAssociated',
        `Elastic IP address [${input.AllocationId}] is already associated`,
      );
    }
    const tags = tagsFromSpecifications(input.TagSpecifications, 'natgateway');
    const vpcId = subnet.VpcId!;
    const hasInternetGateway = [...store.internetGateways.values()].some(igw =>
      igw.Attachments?.some(a => a.VpcId === vpcId),
    );
    const now = options.createdAt ?? context.clock.nowMillis();
    const gatewaysInSubnet = [...store.natGateways.values()].filter(
      n => n.subnetId === subnet.SubnetId,
    ).length;
    const natId = context.state.nextId('nat');
    store.natGateways.set(natId, {
      id: natId,
      vpcId,
      subnetId: subnet.SubnetId!,
      allocationId: input.AllocationId,
      networkInterfaceId: context.state.nextId('eni'),
      associationId: context.state.nextId('eipassoc'),
      // The first four addresses of a subnet are AWS's.
      privateIp: formatIpv4Address(
        parseIpv4Block(subnet.CidrBlock!)!.first + 4 + gatewaysInSubnet,
      ),
      connectivityType: input.ConnectivityType ?? 'public',
      createdAt: now,
      // A seeded gateway has long been known to every EC2 call.
      visibleAt:
        options.createdAt ??
        now + context.clock.scaledMillis(AWS_DURATIONS.ec2EventualConsistency),
      readyAt:
        options.createdAt ??
        now + context.clock.scaledMillis(AWS_DURATIONS.natGatewayCreate),
      failure: hasInternetGateway
        ? undefined
        : {
            code: 'Gateway.NotAttached',
            message: `Network ${vpcId} has no Internet gateway attached`,
          },
    });
    store.setTags(natId, tags);
    return natId;
  });
  return store.natGateways.get(id)!;
}

export function describeNatGateway(
  call: Ec2Call,
  nat: NatGatewayRecord,
): NatGateway {
  const state = natGatewayState(call, nat);
  const address = call.store.addresses.get(nat.allocationId);
  return {
    NatGatewayId: nat.id,
    VpcId: nat.vpcId,
    SubnetId: nat.subnetId,
    State: state,
    ConnectivityType: nat.connectivityType as NatGateway['ConnectivityType'],
    CreateTime: new Date(nat.createdAt),
    DeleteTime: state === 'deleted' ? new Date(nat.deletedAt!) : undefined,
    FailureCode: state === 'failed' ? nat.failure?.code : undefined,
    FailureMessage: state === 'failed' ? nat.failure?.message : undefined,
    NatGatewayAddresses: [
      {
        AllocationId: nat.allocationId,
        NetworkInterfaceId: nat.networkInterfaceId,
        PrivateIp: nat.privateIp,
        PublicIp: address?.PublicIp,
        AssociationId: nat.associationId,
        IsPrimary: true,
        Status: state === 'deleting' ? 'disassociating' : 'succeeded',
      },
    ],
    Tags: tagList(call.store, nat.id),
  };
}

export const natGatewayOperations = {
  CreateNatGateway: ec2Operation<
    CreateNatGatewayRequest,
    CreateNatGatewayResult
  >(CreateNatGateway$, (input, call) => ({
    ClientToken: input.ClientToken,
    NatGateway: describeNatGateway(call, createNatGateway(call, input)),
  })),

  DescribeNatGateways: ec2Operation<
    DescribeNatGatewaysRequest,
    DescribeNatGatewaysResult
  >(DescribeNatGateways$, (input, call) => {
    const { store } = call;
    const missing = (input.NatGatewayIds ?? []).find(
      id => !isNatGatewayVisible(call, store.natGateways.get(id)),
    );
    if (missing) throw natGatewayNotFound(missing);
    const matching = [...store.natGateways.values()]
      .filter(n => isNatGatewayVisible(call, n))
      .filter(n => !input.NatGatewayIds || input.NatGatewayIds.includes(n.id))
      .filter(n =>
        matchesFilters(
          input.Filter,
          store.tagsOf(n.id),
          name =>
            ({
              'nat-gateway-id': [n.id],
              state: [natGatewayState(call, n)],
              'subnet-id': [n.subnetId],
              'vpc-id': [n.vpcId],
            }[name]),
        ),
      );
    const { page, nextToken } = paginate(
      matching,
      input.MaxResults,
      input.NextToken,
    );
    return {
      NatGateways: page.map(n => describeNatGateway(call, n)),
      NextToken: nextToken,
    };
  }),

  DeleteNatGateway: ec2Operation<
    DeleteNatGatewayRequest,
    DeleteNatGatewayResult
  >(DeleteNatGateway$, (input, call) => {
    if (!input.NatGatewayId) throw missingParameter('natGatewayId');
    const nat = call.store.natGateways.get(input.NatGatewayId);
    if (!nat) throw natGatewayNotFound(input.NatGatewayId);
    if (nat.deletedAt === undefined) {
      const now = call.context.clock.nowMillis();
      nat.deleteRequestedAt = now;
      nat.deletedAt =
        now + call.context.clock.scaledMillis(AWS_DURATIONS.natGatewayDelete);
    }
    return { NatGatewayId: nat.id };
  }),
};
