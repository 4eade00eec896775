/**
 * NAT gateways. A NAT gateway holds its Elastic IP and a public address in the VPC until it
 * is `deleted`, so destroy waits for that before the Elastic IPs and the internet gateway.
 */
import {
  CreateNatGatewayCommand,
  DeleteNatGatewayCommand,
  DescribeNatGatewaysCommand,
  NatGateway,
  paginateDescribeNatGateways,
  waitUntilNatGatewayAvailable,
  waitUntilNatGatewayDeleted,
} from '@aws-sdk/client-ec2';
import { waitWithProgress } from '../../actions/shared/waiting';
import {
  byId,
  collect,
  Ec2Context,
  Ec2Handler,
  existing,
  listFilters,
  nodeFilters,
  nodeTags,
  sender,
} from './ec2Resources';

/** NAT gateways that hold (or will hold) their Elastic IP and route traffic. */
export function isLiveNatGateway(nat: NatGateway): boolean {
  return nat.State === 'pending' || nat.State === 'available';
}

export const natGateway: Ec2Handler = {
  label: 'NAT gateway',
  tokened: true,
  async find(node, _refs, c) {
    const all = await collect(
      paginateDescribeNatGateways(
        { client: c.clients.ec2 },
        { Filter: nodeFilters(c, node) },
      ),
      p => p.NatGateways,
    );
    return {
      live: all
        .filter(isLiveNatGateway)
        .map(n => existing(n.NatGatewayId, n.Tags, { state: n.State }))
        .sort(byId),
      gone: all.filter(n => !isLiveNatGateway(n)).length,
    };
  },
  async create(node, refs, c, clientToken) {
    const created = await sender(c)(
      new CreateNatGatewayCommand({
        ClientToken: clientToken,
        SubnetId: refs.subnet,
        AllocationId: refs.allocation,
        ConnectivityType: 'public',
        TagSpecifications: nodeTags(c, 'natgateway', node),
      }),
    );
    return created.NatGateway!.NatGatewayId!;
  },
  async list(c, filter) {
    const all = await collect(
      paginateDescribeNatGateways(
        { client: c.clients.ec2 },
        { Filter: listFilters(filter) },
      ),
      p => p.NatGateways,
    );
    return all
      .filter(n => n.State !== 'deleted')
      .map(n => existing(n.NatGatewayId, n.Tags, { state: n.State }));
  },
  async delete(resource, c) {
    if (resource.state !== 'deleting') {
      await sender(c)(
        new DeleteNatGatewayCommand({ NatGatewayId: resource.id }),
      );
    }
    return true;
  },
  async waitUntilDeleted(ids, c) {
    await waitWithProgress({
      logger: c.logger,
      what: `${ids.length} NAT gateway(s) (${ids.join(', ')}) to be deleted`,
      settings: c.waitSettings,
      abortSignal: c.abortSignal,
      wait: timing =>
        waitUntilNatGatewayDeleted(
          { client: c.clients.ec2, ...timing },
          { NatGatewayIds: ids },
        ),
    });
  },
};

/**
 * Waits with the SDK's waiter until every NAT gateway is available. When one fails, says
 * which and why (the waiter only reports its last response).
 */
export async function waitForNatGateways(
  c: Ec2Context,
  natGatewayIds: string[],
): Promise<void> {
  const what = `${natGatewayIds.length} NAT gateway(s) (${natGatewayIds.join(
    ', ',
  )}) to become available`;
  try {
    await waitWithProgress({
      logger: c.logger,
      what,
      settings: c.waitSettings,
      abortSignal: c.abortSignal,
      wait: timing =>
        waitUntilNatGatewayAvailable(
          { client: c.clients.ec2, ...timing },
          { NatGatewayIds: natGatewayIds },
        ),
    });
  } catch (error) {
    const { NatGateways = [] } = await c.clients.ec2
      .send(new DescribeNatGatewaysCommand({ NatGatewayIds: natGatewayIds }))
      .catch(() => ({ NatGateways: [] as NatGateway[] }));
    const states = NatGateways.map(
      n =>
        `${n.NatGatewayId} ${n.State}${
          n.FailureCode ? ` (${n.FailureCode}: ${n.FailureMessage})` : ''
        }`,
    );
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `not all available after ${c.waitSettings.maxWaitTimeSeconds}s`
        : 'not all available';
    throw new Error(
      `NAT gateways ${reason}: ${
        states.join('; ') || (error as Error).message
      }`,
      { cause: error },
    );
  }
}
