/**
 * The Elastic IP of a NAT gateway. AllocateAddress takes no ClientToken: the engine finds
 * it by tag after a lost answer and releases a duplicate.
 */
import {
  AllocateAddressCommand,
  DescribeAddressesCommand,
  ReleaseAddressCommand,
} from '@aws-sdk/client-ec2';
import {
  byId,
  Ec2Handler,
  existing,
  listFilters,
  nodeFilters,
  nodeTags,
  sender,
} from './ec2Resources';

export const elasticIp: Ec2Handler = {
  label: 'Elastic IP',
  async find(node, _refs, c) {
    const { Addresses = [] } = await sender(c)(
      new DescribeAddressesCommand({ Filters: nodeFilters(c, node) }),
    );
    return {
      live: Addresses.map(a => existing(a.AllocationId, a.Tags)).sort(byId),
    };
  },
  async create(node, _refs, c) {
    const { AllocationId } = await sender(c)(
      new AllocateAddressCommand({
        Domain: 'vpc',
        TagSpecifications: nodeTags(c, 'elastic-ip', node),
      }),
    );
    return AllocationId!;
  },
  async list(c, filter) {
    const { Addresses = [] } = await sender(c)(
      new DescribeAddressesCommand({ Filters: listFilters(filter) }),
    );
    return Addresses.map(a => existing(a.AllocationId, a.Tags));
  },
  async delete(resource, c) {
    await sender(c)(new ReleaseAddressCommand({ AllocationId: resource.id }));
    return false;
  },
};
