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
  Ec2Handler,
  existing,
  nodeTags,
  sender,
  taggedLookups,
} from './ec2Resources';

export const elasticIp: Ec2Handler = {
  label: 'Elastic IP',
  ...taggedLookups(
    async (c, Filters) =>
      (await sender(c)(new DescribeAddressesCommand({ Filters }))).Addresses ??
      [],
    a => existing(a.AllocationId, a.Tags),
  ),
  async create(node, _refs, c) {
    const { AllocationId } = await sender(c)(
      new AllocateAddressCommand({
        Domain: 'vpc',
        TagSpecifications: nodeTags(c, 'elastic-ip', node),
      }),
    );
    return AllocationId!;
  },
  async delete(resource, c) {
    await sender(c)(new ReleaseAddressCommand({ AllocationId: resource.id }));
    return false;
  },
};
