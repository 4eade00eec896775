import type { InventoryReader } from '../../core/inventory';
import { SandboxContext } from '../../core/types';
import { natGatewayState } from './natGateways';
import { Ec2Call, Ec2Store, NatGatewayRecord } from './store';
import { availableAddressCount } from './subnets';

/** A failed gateway never ran; a deleted one ran until its deletion completed. */
function endOf(nat: NatGatewayRecord, state: string): number | undefined {
  if (state === 'failed') return nat.readyAt;
  if (state === 'deleted') return nat.deletedAt;
  return undefined;
}

function callsOf(context: SandboxContext): Ec2Call[] {
  return context.state
    .scopesOf<Ec2Store>('ec2')
    .map(({ accountId, region, store }) => ({
      store,
      accountId,
      region,
      context,
      operation: 'Inventory',
    }));
}

/** NAT gateways and subnets of every account and region, for derived services (costs). */
export function ec2Inventory(
  context: SandboxContext,
): Pick<InventoryReader, 'natGateways' | 'subnets'> {
  return {
    natGateways: () =>
      callsOf(context).flatMap(call =>
        [...call.store.natGateways.values()].map(nat => {
          const state = natGatewayState(call, nat);
          return {
            accountId: call.accountId,
            region: call.region,
            id: nat.id,
            createdAt: nat.createdAt,
            deletedAt: endOf(nat, state),
            tags: call.store.tagsOf(nat.id),
          };
        }),
      ),
    subnets: () =>
      callsOf(context).flatMap(call =>
        [...call.store.subnets.values()].map(subnet => ({
          accountId: call.accountId,
          region: call.region,
          id: subnet.SubnetId!,
          vpcId: subnet.VpcId!,
          cidrBlock: subnet.CidrBlock!,
          availabilityZone: subnet.AvailabilityZone!,
          availableIpAddressCount: availableAddressCount(call, subnet),
          tags: call.store.tagsOf(subnet.SubnetId!),
        })),
      ),
  };
}
