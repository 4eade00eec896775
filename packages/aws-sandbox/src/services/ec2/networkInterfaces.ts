/**
 * Network interfaces that other services place in a VPC: today, those of the load
 * balancers Kubernetes asks for. They are requester-managed (`RequesterManaged`, owned by
 * ELB), so the account cannot delete them; they hold their subnet, their security groups
 * and, with a public address, the VPC's internet gateway. EC2 answers `DependencyViolation`
 * while they exist ("Troubleshoot dependency errors when deleting a VPC", AWS Knowledge
 * Center). After their owner is deleted they linger for a while before EC2 releases them
 * (AWS_DURATIONS.loadBalancerEniRelease).
 */
import {
  DescribeNetworkInterfaces$,
  DescribeNetworkInterfacesRequest,
  DescribeNetworkInterfacesResult,
  NetworkInterface,
} from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate } from './describe';
import { idsNotFound, subnetNotFound } from './errors';
import { ec2Operation, tagList } from './operation';
import { Ec2Call, NetworkInterfaceRecord } from './store';

export const networkInterfaceNotFound = (...ids: string[]) =>
  idsNotFound('InvalidNetworkInterfaceID.NotFound', 'network interface', ids);

/** Whether EC2 still holds the interface (its owner may be gone, the release not yet). */
export function isInterfacePresent(
  call: Pick<Ec2Call, 'context'>,
  record: NetworkInterfaceRecord,
): boolean {
  return (
    record.releasedAt === undefined ||
    call.context.clock.nowMillis() < record.releasedAt
  );
}

/** The interfaces EC2 still holds, dropping the released ones from the store. */
export function presentInterfaces(call: Ec2Call): NetworkInterfaceRecord[] {
  const present: NetworkInterfaceRecord[] = [];
  for (const [id, record] of call.store.networkInterfaces) {
    if (isInterfacePresent(call, record)) present.push(record);
    else call.store.networkInterfaces.delete(id);
  }
  return present;
}

/** Places a requester-managed interface in a subnet, for another service's resource. */
export function addNetworkInterface(
  call: Ec2Call,
  input: {
    subnetId: string;
    groupIds: string[];
    description: string;
    /** The service that manages it, e.g. `amazon-elb`. */
    requesterId: string;
    publicIp?: string;
  },
): NetworkInterfaceRecord {
  const { store, context } = call;
  const subnet = store.subnets.get(input.subnetId);
  if (!subnet) throw subnetNotFound(input.subnetId);
  const id = context.state.nextId('eni');
  const groups = input.groupIds.map(groupId => {
    const group = store.securityGroups.get(groupId);
    if (!group) {
      throw new AwsError(
        'InvalidGroup.NotFound',
        `The security group '${groupId}' does not exist`,
      );
    }
    return { GroupId: groupId, GroupName: group.groupName };
  });
  const used = store.addressesInUse.get(input.subnetId) ?? 0;
  store.addressesInUse.set(input.subnetId, used + 1);
  const record: NetworkInterfaceRecord = {
    eni: {
      NetworkInterfaceId: id,
      SubnetId: input.subnetId,
      VpcId: subnet.VpcId,
      AvailabilityZone: subnet.AvailabilityZone,
      Description: input.description,
      InterfaceType: 'interface',
      RequesterManaged: true,
      RequesterId: input.requesterId,
      OwnerId: call.accountId,
      Status: 'in-use',
      Groups: groups,
      Association: input.publicIp
        ? { PublicIp: input.publicIp, IpOwnerId: 'amazon' }
        : undefined,
    },
  };
  store.networkInterfaces.set(id, record);
  return record;
}

/** The owner is gone: EC2 releases the interfaces `afterAwsSeconds` later. */
export function releaseNetworkInterfaces(
  call: Ec2Call,
  ids: string[],
  afterAwsSeconds: number,
): void {
  const at =
    call.context.clock.nowMillis() +
    call.context.clock.scaledMillis(afterAwsSeconds);
  for (const id of ids) {
    const record = call.store.networkInterfaces.get(id);
    if (!record || record.releasedAt !== undefined) continue;
    record.releasedAt = at;
    const subnetId = record.eni.SubnetId!;
    const used = call.store.addressesInUse.get(subnetId) ?? 0;
    call.store.addressesInUse.set(subnetId, Math.max(0, used - 1));
  }
}

/** Why a subnet, security group or VPC cannot go yet: an interface in it or using it. */
export function interfacesHolding(
  call: Ec2Call,
  holds: (eni: NetworkInterface) => boolean,
): NetworkInterfaceRecord[] {
  return presentInterfaces(call).filter(record => holds(record.eni));
}

export const networkInterfaceOperations = {
  DescribeNetworkInterfaces: ec2Operation<
    DescribeNetworkInterfacesRequest,
    DescribeNetworkInterfacesResult
  >(DescribeNetworkInterfaces$, (input, call) => {
    const present = presentInterfaces(call);
    const ids = input.NetworkInterfaceIds;
    const missing = (ids ?? []).filter(
      id => !present.some(r => r.eni.NetworkInterfaceId === id),
    );
    if (missing.length) throw networkInterfaceNotFound(...missing);
    const matching = present
      .map(r => r.eni)
      .filter(eni => !ids || ids.includes(eni.NetworkInterfaceId!))
      .filter(eni =>
        matchesFilters(
          input.Filters,
          call.store.tagsOf(eni.NetworkInterfaceId!),
          name =>
            ({
              'network-interface-id': [eni.NetworkInterfaceId],
              'subnet-id': [eni.SubnetId],
              'vpc-id': [eni.VpcId],
              'availability-zone': [eni.AvailabilityZone],
              description: [eni.Description],
              'group-id': eni.Groups?.map(g => g.GroupId),
              'requester-id': [eni.RequesterId],
              'requester-managed': [String(eni.RequesterManaged)],
              status: [eni.Status],
              'association.public-ip': [eni.Association?.PublicIp],
            }[name]),
        ),
      );
    const { page, nextToken } = paginate(
      matching,
      input.MaxResults,
      input.NextToken,
    );
    return {
      NetworkInterfaces: page.map(eni => ({
        ...eni,
        TagSet: tagList(call.store, eni.NetworkInterfaceId!),
      })),
      NextToken: nextToken,
    };
  }),
};
