/**
 * The internet gateway and its attachment to the VPC. CreateInternetGateway takes no
 * ClientToken: the engine finds it by tag after a lost answer and removes a duplicate.
 * AWS refuses to detach it while public addresses are mapped in the VPC, so destroy
 * removes it after the NAT gateways and their Elastic IPs.
 */
import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  DeleteInternetGatewayCommand,
  DescribeInternetGatewaysCommand,
  DetachInternetGatewayCommand,
  InternetGateway,
  paginateDescribeInternetGateways,
} from '@aws-sdk/client-ec2';
import { ConflictError } from '@backstage/errors';
import { isNotFound } from '../../actions/shared/awsErrors';
import {
  collect,
  Ec2Handler,
  existing,
  nodeTags,
  sender,
  taggedLookups,
} from './ec2Resources';

/** What the attachment's step returns, and the gateway holds while attached. */
const attachmentKey = (internetGatewayId: string, vpcId: string) =>
  `attachment:${internetGatewayId}:${vpcId}`;

const attachedVpcs = (gateway: InternetGateway) =>
  (gateway.Attachments ?? [])
    .filter(a => a.VpcId && a.State !== 'detached' && a.State !== 'detaching')
    .map(a => a.VpcId!);

export const internetGateway: Ec2Handler = {
  label: 'internet gateway',
  ...taggedLookups(
    (c, Filters) =>
      collect(
        paginateDescribeInternetGateways(
          { client: c.clients.ec2 },
          { Filters },
        ),
        p => p.InternetGateways,
      ),
    g =>
      existing(g.InternetGatewayId, g.Tags, {
        related: attachedVpcs(g),
        holds: attachedVpcs(g).map(vpc =>
          attachmentKey(g.InternetGatewayId!, vpc),
        ),
      }),
  ),
  async create(node, _refs, c) {
    const { InternetGateway: created } = await sender(c)(
      new CreateInternetGatewayCommand({
        TagSpecifications: nodeTags(c, 'internet-gateway', node),
      }),
    );
    return created!.InternetGatewayId!;
  },
  async delete(resource, c) {
    const send = sender(c);
    for (const vpcId of resource.related ?? []) {
      try {
        await send(
          new DetachInternetGatewayCommand({
            InternetGatewayId: resource.id,
            VpcId: vpcId,
          }),
        );
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
    await send(
      new DeleteInternetGatewayCommand({ InternetGatewayId: resource.id }),
    );
    return false;
  },
};

export const internetGatewayAttachment: Ec2Handler = {
  label: 'internet gateway attachment',
  cachedIsLive: true,
  async create(_node, refs, c) {
    const send = sender(c);
    const { InternetGateways = [] } = await send(
      new DescribeInternetGatewaysCommand({
        InternetGatewayIds: [refs.gateway],
      }),
    );
    const attached = InternetGateways[0]
      ? attachedVpcs(InternetGateways[0])
      : [];
    const other = attached.find(vpcId => vpcId !== refs.vpc);
    if (other) {
      throw new ConflictError(
        `Internet gateway ${refs.gateway} is attached to ${other}, not to ${refs.vpc}`,
      );
    }
    if (attached.length === 0) {
      await send(
        new AttachInternetGatewayCommand({
          InternetGatewayId: refs.gateway,
          VpcId: refs.vpc,
        }),
      );
      c.logger.info(`Attached internet gateway ${refs.gateway} to ${refs.vpc}`);
    }
    return attachmentKey(refs.gateway, refs.vpc);
  },
};
