/** The VPC, and its DNS attributes (EKS nodes need DNS support and hostnames). */
import {
  CreateVpcCommand,
  DeleteVpcCommand,
  DescribeVpcAttributeCommand,
  ModifyVpcAttributeCommand,
  paginateDescribeVpcs,
  waitUntilVpcAvailable,
} from '@aws-sdk/client-ec2';
import { waiterTiming } from '../../actions/shared/waiting';
import {
  collect,
  Ec2Handler,
  existing,
  nodeTags,
  sender,
  taggedLookups,
} from './ec2Resources';

export const vpc: Ec2Handler = {
  label: 'VPC',
  ...taggedLookups(
    (c, Filters) =>
      collect(
        paginateDescribeVpcs({ client: c.clients.ec2 }, { Filters }),
        p => p.Vpcs,
      ),
    v => existing(v.VpcId, v.Tags, { properties: { cidr: v.CidrBlock! } }),
  ),
  async create(node, _refs, c) {
    const { Vpc } = await sender(c)(
      new CreateVpcCommand({
        CidrBlock: String(node.properties.cidr),
        TagSpecifications: nodeTags(c, 'vpc', node),
      }),
    );
    if (Vpc?.State !== 'available') {
      await waitUntilVpcAvailable(
        {
          client: c.clients.ec2,
          ...waiterTiming(c.waitSettings, c.abortSignal),
        },
        { VpcIds: [Vpc!.VpcId!] },
      );
    }
    return Vpc!.VpcId!;
  },
  // The default security group, main route table and network ACL go with the VPC.
  async delete(resource, c) {
    await sender(c)(new DeleteVpcCommand({ VpcId: resource.id }));
    return false;
  },
};

/** One attribute per call, as ModifyVpcAttribute takes them. */
export const vpcAttribute: Ec2Handler = {
  label: 'VPC attribute',
  async create(node, refs, c) {
    const attribute = node.properties.attribute as
      | 'enableDnsSupport'
      | 'enableDnsHostnames';
    const send = sender(c);
    const current = await send(
      new DescribeVpcAttributeCommand({
        VpcId: refs.vpc,
        Attribute: attribute,
      }),
    );
    const value =
      attribute === 'enableDnsSupport'
        ? current.EnableDnsSupport?.Value
        : current.EnableDnsHostnames?.Value;
    if (value !== true) {
      await send(
        new ModifyVpcAttributeCommand({
          VpcId: refs.vpc,
          [attribute === 'enableDnsSupport'
            ? 'EnableDnsSupport'
            : 'EnableDnsHostnames']: { Value: true },
        }),
      );
      c.logger.info(`Turned on ${attribute} of VPC ${refs.vpc}`);
    }
    return 'true';
  },
};
