import {
  Address,
  AllocateAddress$,
  AllocateAddressRequest,
  AllocateAddressResult,
  DescribeAddresses$,
  DescribeAddressesRequest,
  DescribeAddressesResult,
  ReleaseAddress$,
  ReleaseAddressRequest,
} from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { matchesFilters, tagsFromSpecifications } from './describe';
import { allocationNotFound, missingParameter, requireAll } from './errors';
import { natGatewayUsing } from './natGateways';
import { ec2Operation, tagList } from './operation';
import { Ec2Call } from './store';

const ADDRESSES_PER_REGION = 5;

export function allocateAddress(
  call: Ec2Call,
  input: AllocateAddressRequest,
): Address {
  const { store, context, region } = call;
  const tags = tagsFromSpecifications(input.TagSpecifications, 'elastic-ip');
  if (store.addresses.size >= ADDRESSES_PER_REGION) {
    throw new AwsError(
      'AddressLimitExceeded',
      'The maximum number of addresses has been reached.',
    );
  }
  const allocationId = context.state.nextId('eipalloc');
  // A stable public address derived from the id, in a range AWS uses in Paris.
  const n = parseInt(allocationId.slice(-4), 16);
  const address: Address = {
    AllocationId: allocationId,
    PublicIp: `15.236.${(n >> 8) & 255}.${n & 255}`,
    Domain: 'vpc',
    PublicIpv4Pool: 'amazon',
    NetworkBorderGroup: input.NetworkBorderGroup ?? region,
  };
  store.addresses.set(allocationId, address);
  store.setTags(allocationId, tags);
  return address;
}

/** An address as DescribeAddresses shows it: associated while a NAT gateway holds it. */
export function describeAddress(call: Ec2Call, address: Address): Address {
  const nat = natGatewayUsing(call, address.AllocationId!);
  return {
    ...address,
    AssociationId: nat?.associationId,
    NetworkInterfaceId: nat?.networkInterfaceId,
    NetworkInterfaceOwnerId: nat ? call.accountId : undefined,
    PrivateIpAddress: nat?.privateIp,
    Tags: tagList(call.store, address.AllocationId!),
  };
}

export const addressOperations = {
  AllocateAddress: ec2Operation<AllocateAddressRequest, AllocateAddressResult>(
    AllocateAddress$,
    (input, call) => {
      const { Tags: _tags, ...address } = describeAddress(
        call,
        allocateAddress(call, input),
      );
      return address;
    },
  ),

  DescribeAddresses: ec2Operation<
    DescribeAddressesRequest,
    DescribeAddressesResult
  >(DescribeAddresses$, (input, call) => {
    const { store } = call;
    requireAll(input.AllocationIds, store.addresses, allocationNotFound);
    const publicIps = new Set(
      [...store.addresses.values()].map(a => a.PublicIp!),
    );
    const unknownIp = (input.PublicIps ?? []).find(ip => !publicIps.has(ip));
    if (unknownIp) {
      throw new AwsError(
        'InvalidAddress.NotFound',
        `Address '${unknownIp}' not found.`,
      );
    }
    const addresses = [...store.addresses.values()]
      .map(a => describeAddress(call, a))
      .filter(
        a =>
          !input.AllocationIds || input.AllocationIds.includes(a.AllocationId!),
      )
      .filter(a => !input.PublicIps || input.PublicIps.includes(a.PublicIp!))
      .filter(a =>
        matchesFilters(
          input.Filters,
          store.tagsOf(a.AllocationId!),
          name =>
            ({
              'allocation-id': [a.AllocationId],
              'public-ip': [a.PublicIp],
              domain: [a.Domain],
              'association-id': [a.AssociationId],
              'network-interface-id': [a.NetworkInterfaceId],
              'private-ip-address': [a.PrivateIpAddress],
              'network-border-group': [a.NetworkBorderGroup],
            }[name]),
        ),
      );
    return { Addresses: addresses };
  }),

  ReleaseAddress: ec2Operation<ReleaseAddressRequest, object>(
    ReleaseAddress$,
    (input, call) => {
      if (!input.AllocationId) throw missingParameter('allocationId');
      const address = call.store.addresses.get(input.AllocationId);
      if (!address) throw allocationNotFound(input.AllocationId);
      if (natGatewayUsing(call, input.AllocationId)) {
        throw new AwsError(
          'InvalidIPAddress.InUse',
          `Address ${address.PublicIp} is in use.`,
        );
      }
      call.store.addresses.delete(input.AllocationId);
      call.store.tags.delete(input.AllocationId);
      return {};
    },
  ),
};
