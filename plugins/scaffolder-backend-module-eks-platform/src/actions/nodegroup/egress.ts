/**
 * Nodes need egress to join their cluster (container images, the EKS and STS APIs): the
 * NAT gateways the private subnets route through must be available before node groups are
 * created. `eks-platform:network:create` may have returned while they were still pending
 * (`waitForNatGateways: false`, so that the cluster is created meanwhile); this waits for
 * them whichever way it ran. When they are available already it costs two Describe calls
 * (three when a subnet has no route table of its own and uses its VPC's main one).
 */
import {
  DescribeNatGatewaysCommand,
  EC2Client,
  NatGateway,
  paginateDescribeRouteTables,
  RouteTable,
  Subnet,
  waitUntilNatGatewayAvailable,
} from '@aws-sdk/client-ec2';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { collect } from '../../resources/network';
import { errorMessage, isNotFound } from '../shared/awsErrors';
import { waitWithProgress, WaitSettings } from '../shared/waiting';

/** A NAT gateway a private subnet routes through, with the subnets that do. */
export interface EgressGateway {
  natGatewayId: string;
  subnetIds: string[];
}

/** A NAT gateway that will not become available: failed, deleted, or gone. */
export class EgressError extends Error {
  readonly name = 'EgressError';
}

const isCurrentAssociation = (state: string | undefined) =>
  (state ?? 'associated').startsWith('associat');

/**
 * The NAT gateways on the route tables of `subnetIds`: a subnet's explicitly associated
 * table, else its VPC's main table (one more call, only then). One entry per gateway.
 */
export async function egressGatewaysOf(
  ec2: EC2Client,
  subnetIds: string[],
  subnets: Pick<Subnet, 'SubnetId' | 'VpcId'>[],
  abortSignal?: AbortSignal,
): Promise<EgressGateway[]> {
  const describe = (Filters: { Name: string; Values: string[] }[]) =>
    collect(
      paginateDescribeRouteTables(
        { client: ec2 },
        { Filters },
        ...(abortSignal ? [{ abortSignal }] : []),
      ),
      p => p.RouteTables,
    );
  const tables = await describe([
    { Name: 'association.subnet-id', Values: subnetIds },
  ]);
  const tableOf = new Map<string, RouteTable>();
  for (const table of tables) {
    for (const association of table.Associations ?? []) {
      if (
        association.SubnetId &&
        !association.Main &&
        isCurrentAssociation(association.AssociationState?.State)
      ) {
        tableOf.set(association.SubnetId, table);
      }
    }
  }
  const unassociated = subnetIds.filter(id => !tableOf.has(id));
  const vpcIds = [
    ...new Set(
      unassociated
        .map(id => subnets.find(s => s.SubnetId === id)?.VpcId)
        .filter((id): id is string => Boolean(id)),
    ),
  ];
  if (vpcIds.length) {
    const mainTables = await describe([
      { Name: 'association.main', Values: ['true'] },
      { Name: 'vpc-id', Values: vpcIds },
    ]);
    for (const id of unassociated) {
      const vpcId = subnets.find(s => s.SubnetId === id)?.VpcId;
      const main = mainTables.find(t => t.VpcId === vpcId);
      if (main) tableOf.set(id, main);
    }
  }
  const gateways = new Map<string, string[]>();
  for (const id of subnetIds) {
    const natIds = new Set(
      (tableOf.get(id)?.Routes ?? [])
        .map(r => r.NatGatewayId)
        .filter((natId): natId is string => Boolean(natId)),
    );
    for (const natId of natIds) {
      gateways.set(natId, [...(gateways.get(natId) ?? []), id]);
    }
  }
  return [...gateways].map(([natGatewayId, ids]) => ({
    natGatewayId,
    subnetIds: ids,
  }));
}

function describeGateway(
  gateway: EgressGateway,
  nat: NatGateway | undefined,
): string {
  const which = `NAT gateway ${
    gateway.natGatewayId
  } (egress of ${gateway.subnetIds.join(', ')})`;
  if (!nat) return `${which} does not exist`;
  if (nat.State === 'failed') {
    return `${which} failed: ${
      nat.FailureCode
        ? `${nat.FailureCode}: ${nat.FailureMessage}`
        : 'no reason given'
    }`;
  }
  return `${which} is ${nat.State}`;
}

const UNUSABLE = ['failed', 'deleting', 'deleted'];

const RETRY_HINT =
  'Nodes would have no egress: retry the task, eks-platform:network:create replaces a failed or deleted NAT gateway and routes the subnets through the new one';

async function describeGateways(
  ec2: EC2Client,
  gateways: EgressGateway[],
  abortSignal?: AbortSignal,
): Promise<Map<string, NatGateway | undefined>> {
  const ids = gateways.map(g => g.natGatewayId);
  const byId = new Map<string, NatGateway | undefined>();
  try {
    const { NatGateways = [] } = await ec2.send(
      new DescribeNatGatewaysCommand({ NatGatewayIds: ids }),
      { abortSignal },
    );
    for (const nat of NatGateways) byId.set(nat.NatGatewayId!, nat);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    // One of them is gone for good (deleted more than about an hour ago): find which.
    for (const id of ids) {
      try {
        const { NatGateways = [] } = await ec2.send(
          new DescribeNatGatewaysCommand({ NatGatewayIds: [id] }),
          { abortSignal },
        );
        byId.set(id, NatGateways[0]);
      } catch (inner) {
        if (!isNotFound(inner)) throw inner;
        byId.set(id, undefined);
      }
    }
  }
  return byId;
}

function throwIfUnusable(
  gateways: EgressGateway[],
  byId: Map<string, NatGateway | undefined>,
  cause?: unknown,
): void {
  const unusable = gateways.filter(g => {
    const nat = byId.get(g.natGatewayId);
    return !nat || UNUSABLE.includes(nat.State ?? '');
  });
  if (unusable.length) {
    throw new EgressError(
      `${unusable
        .map(g => describeGateway(g, byId.get(g.natGatewayId)))
        .join('; ')}. ${RETRY_HINT}`,
      cause === undefined ? undefined : { cause },
    );
  }
}

/**
 * Waits (bounded by the wait settings) until every NAT gateway the private subnets route
 * through is available. Throws an `EgressError` naming the gateway and AWS's failure
 * message when one failed or is gone, or is not available in time.
 */
export async function waitForEgress(options: {
  ec2: EC2Client;
  subnetIds: string[];
  /** The subnets as DescribeSubnets returned them (for their VPC's main route table). */
  subnets: Pick<Subnet, 'SubnetId' | 'VpcId'>[];
  logger: Pick<LoggerService, 'info' | 'warn'>;
  waitSettings: WaitSettings;
  abortSignal?: AbortSignal;
}): Promise<EgressGateway[]> {
  const { ec2, logger, abortSignal } = options;
  const gateways = await egressGatewaysOf(
    ec2,
    options.subnetIds,
    options.subnets,
    abortSignal,
  );
  if (gateways.length === 0) {
    logger.info(
      `No NAT gateway on the routes of subnets ${options.subnetIds.join(
        ', ',
      )}: nothing to wait for`,
    );
    return gateways;
  }
  const byId = await describeGateways(ec2, gateways, abortSignal);
  throwIfUnusable(gateways, byId);
  const pending = gateways.filter(
    g => byId.get(g.natGatewayId)?.State !== 'available',
  );
  const ids = (list: EgressGateway[]) =>
    list.map(g => g.natGatewayId).join(', ');
  if (pending.length === 0) {
    logger.info(`NAT gateway(s) ${ids(gateways)} of the subnets are available`);
    return gateways;
  }
  try {
    await waitWithProgress({
      logger,
      what: `${pending.length} NAT gateway(s) (${ids(
        pending,
      )}) the node subnets route through to become available`,
      settings: options.waitSettings,
      abortSignal,
      wait: timing =>
        waitUntilNatGatewayAvailable(
          { client: ec2, ...timing },
          { NatGatewayIds: pending.map(g => g.natGatewayId) },
        ),
    });
  } catch (error) {
    // The waiter only reports its last response: say which gateway and why.
    let now: Map<string, NatGateway | undefined> | undefined;
    try {
      now = await describeGateways(ec2, pending, abortSignal);
    } catch {
      // Keep the waiter's error.
    }
    if (now) throwIfUnusable(pending, now, error);
    const states = now
      ? pending
          .map(g => describeGateway(g, now!.get(g.natGatewayId)))
          .join('; ')
      : '';
    throw new EgressError(
      (error as Error).name === 'TimeoutError'
        ? `NAT gateways not available after ${options.waitSettings.maxWaitTimeSeconds}s: ${states}`
        : `NAT gateways not available: ${states || errorMessage(error)}`,
      { cause: error },
    );
  }
  return gateways;
}
