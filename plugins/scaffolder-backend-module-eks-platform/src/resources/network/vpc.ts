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
  byId,
  collect,
  Ec2Handler,
  existing,
  listFilters,
  nodeFilters,
  nodeTags,
  sender,
} from './ec2Resources';

export const vpc: Ec2Handler = {
  label: 'VPC',
  async find(node, _refs, c) {
    const vpcs = await collect(
      paginateDescribeVpcs(
        { client: c.clients.ec2 },
        { Filters: nodeFilters(c, node) },
      ),
      p => p.Vpcs,
    );
    return { live: vpcs.map(v => existing(v.VpcId, v.Tags)).sort(byId) };
  },
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
  async list(c, filter) {
    const vpcs = await collect(
      paginateDescribeVpcs(
        { client: c.clients.ec2 },
        { Filters: listFilters(filter) },
      ),
      p => p.Vpcs,
    );
    return vpcs.map(v => existing(v.VpcId, v.Tags));
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
