/**
 * A public or private subnet, tagged with the role the AWS Load Balancer Controller picks
 * subnets by. Public subnets do not give instances public addresses: only load balancers
 * and NAT gateways live there. CreateSubnet takes no ClientToken: a retried create after a
 * lost answer is refused as a CIDR conflict, and the engine then finds the subnet by tag.
 */
import {
  CreateSubnetCommand,
  DeleteSubnetCommand,
  paginateDescribeSubnets,
} from '@aws-sdk/client-ec2';
import {
  collect,
  Ec2Handler,
  existing,
  nodeTags,
  sender,
  taggedLookups,
} from './ec2Resources';

export const subnet: Ec2Handler = {
  label: 'subnet',
  ...taggedLookups(
    (c, Filters) =>
      collect(
        paginateDescribeSubnets({ client: c.clients.ec2 }, { Filters }),
        p => p.Subnets,
      ),
    s =>
      existing(s.SubnetId, s.Tags, {
        properties: { cidr: s.CidrBlock!, zone: s.AvailabilityZone! },
      }),
    { inVpc: true },
  ),
  async create(node, refs, c) {
    const { cidr, zone, roleTag } = node.properties;
    const { Subnet } = await sender(c)(
      new CreateSubnetCommand({
        VpcId: refs.vpc,
        CidrBlock: String(cidr),
        AvailabilityZone: String(zone),
        TagSpecifications: nodeTags(c, 'subnet', node, {
          [String(roleTag)]: '1',
        }),
      }),
    );
    return Subnet!.SubnetId!;
  },
  async delete(resource, c) {
    await sender(c)(new DeleteSubnetCommand({ SubnetId: resource.id }));
    return false;
  },
};
