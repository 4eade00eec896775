/**
 * Tears down an environment's network, found by its tags, in reverse dependency order:
 * flow logs, route tables (associations first), NAT gateways (waiting until deleted, since
 * they hold their Elastic IPs and public addresses), Elastic IPs, the internet gateway
 * (detached first: AWS refuses while public addresses are mapped), subnets, VPC.
 *
 * Safe to run again: it starts from what exists now, and a resource already gone counts as
 * deleted. Used by the network action's rollback (only what one task created) and meant
 * for `environment:destroy` (everything of the environment).
 */
import {
  DeleteFlowLogsCommand,
  DeleteInternetGatewayCommand,
  DeleteNatGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  EC2Client,
  ReleaseAddressCommand,
  Tag,
  waitUntilNatGatewayDeleted,
} from '@aws-sdk/client-ec2';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { errorMessage, isNotFound } from '../shared/awsErrors';
import { describeResource } from '../shared/tagging';
import {
  DEFAULT_WAIT_SETTINGS,
  waitWithProgress,
  WaitSettings,
} from '../shared/waiting';
import {
  describeInventory,
  discoverNetwork,
  isLiveNatGateway,
  NetworkInventory,
} from './discovery';

export interface DeletedNetworkResource {
  kind: string;
  id: string;
  /** "subnet-0ab (dpj-prod-public-eu-west-3a)". */
  label: string;
}

export interface DeleteNetworkOptions {
  /** Only what this task created (a rollback); everything of the environment otherwise. */
  taskId?: string;
  waitSettings?: WaitSettings;
}

/** What could not be deleted, and what is left. */
export class NetworkDeletionError extends Error {
  readonly name = 'NetworkDeletionError';
  constructor(
    message: string,
    readonly deleted: DeletedNetworkResource[],
    readonly remaining: string[],
  ) {
    super(message);
  }
}

/**
 * Deletes the network resources tagged with `environmentName` (and `options.taskId`),
 * logging each deletion. Returns what it deleted; throws a `NetworkDeletionError` naming
 * what failed and what remains when something could not be deleted.
 */
export async function deleteNetwork(
  ec2: EC2Client,
  environmentName: string,
  logger: Pick<LoggerService, 'info' | 'warn'>,
  options: DeleteNetworkOptions = {},
): Promise<DeletedNetworkResource[]> {
  const waitSettings = options.waitSettings ?? DEFAULT_WAIT_SETTINGS;
  const inventory: NetworkInventory = await discoverNetwork(
    ec2,
    environmentName,
    { taskId: options.taskId },
  );
  const deleted: DeletedNetworkResource[] = [];
  const failures: string[] = [];
  const attempt = async (
    kind: string,
    id: string,
    tags: Tag[] | undefined,
    remove: () => Promise<unknown>,
  ) => {
    const label = describeResource(id, tags);
    try {
      await remove();
      logger.info(`Deleted ${kind} ${label}`);
      deleted.push({ kind, id, label });
      return true;
    } catch (error) {
      if (isNotFound(error)) {
        logger.info(`${kind} ${label} was already deleted`);
        deleted.push({ kind, id, label });
        return true;
      }
      const message = `${kind} ${label}: ${errorMessage(error)}`;
      logger.warn(`Could not delete ${message}`);
      failures.push(message);
      return false;
    }
  };

  for (const flowLog of inventory.flowLogs) {
    await attempt('flow log', flowLog.FlowLogId!, flowLog.Tags, async () => {
      const { Unsuccessful = [] } = await ec2.send(
        new DeleteFlowLogsCommand({ FlowLogIds: [flowLog.FlowLogId!] }),
      );
      const error = Unsuccessful[0]?.Error;
      if (error && !error.Code?.endsWith('NotFound')) {
        throw new Error(`${error.Code}: ${error.Message}`);
      }
    });
  }

  for (const table of inventory.routeTables) {
    await attempt('route table', table.RouteTableId!, table.Tags, async () => {
      for (const association of table.Associations ?? []) {
        if (association.Main || !association.RouteTableAssociationId) continue;
        try {
          await ec2.send(
            new DisassociateRouteTableCommand({
              AssociationId: association.RouteTableAssociationId,
            }),
          );
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
      await ec2.send(
        new DeleteRouteTableCommand({ RouteTableId: table.RouteTableId }),
      );
    });
  }

  // A NAT gateway holds its Elastic IP and a public address in the VPC until it is
  // `deleted`: release and detach only after that.
  const natGateways = inventory.natGateways;
  const deleting: string[] = [];
  for (const nat of natGateways) {
    if (nat.State === 'deleting') {
      deleting.push(nat.NatGatewayId!);
      continue;
    }
    const requested = await attempt(
      'NAT gateway',
      nat.NatGatewayId!,
      nat.Tags,
      () =>
        ec2.send(
          new DeleteNatGatewayCommand({ NatGatewayId: nat.NatGatewayId }),
        ),
    );
    if (requested && (isLiveNatGateway(nat) || nat.State === 'failed')) {
      deleting.push(nat.NatGatewayId!);
    }
  }
  if (deleting.length > 0) {
    try {
      await waitWithProgress({
        logger,
        what: `${deleting.length} NAT gateway(s) (${deleting.join(
          ', ',
        )}) to be deleted`,
        settings: waitSettings,
        wait: timing =>
          waitUntilNatGatewayDeleted(
            { client: ec2, ...timing },
            { NatGatewayIds: deleting },
          ),
      });
    } catch (error) {
      failures.push(
        `NAT gateways ${deleting.join(', ')} not deleted within ${
          waitSettings.maxWaitTimeSeconds
        }s: ${errorMessage(error).slice(0, 300)}`,
      );
    }
  }

  for (const address of inventory.addresses) {
    await attempt('Elastic IP', address.AllocationId!, address.Tags, () =>
      ec2.send(
        new ReleaseAddressCommand({ AllocationId: address.AllocationId }),
      ),
    );
  }

  for (const gateway of inventory.internetGateways) {
    await attempt(
      'internet gateway',
      gateway.InternetGatewayId!,
      gateway.Tags,
      async () => {
        for (const attachment of gateway.Attachments ?? []) {
          if (!attachment.VpcId || attachment.State === 'detached') continue;
          try {
            await ec2.send(
              new DetachInternetGatewayCommand({
                InternetGatewayId: gateway.InternetGatewayId,
                VpcId: attachment.VpcId,
              }),
            );
          } catch (error) {
            if (!isNotFound(error)) throw error;
          }
        }
        await ec2.send(
          new DeleteInternetGatewayCommand({
            InternetGatewayId: gateway.InternetGatewayId,
          }),
        );
      },
    );
  }

  for (const subnet of inventory.subnets) {
    await attempt('subnet', subnet.SubnetId!, subnet.Tags, () =>
      ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId })),
    );
  }

  // The default security group, main route table and network ACL go with the VPC.
  for (const vpc of inventory.vpcs) {
    await attempt('VPC', vpc.VpcId!, vpc.Tags, () =>
      ec2.send(new DeleteVpcCommand({ VpcId: vpc.VpcId })),
    );
  }

  if (failures.length > 0) {
    const remaining = describeInventory(
      await discoverNetwork(ec2, environmentName, { taskId: options.taskId }),
    );
    throw new NetworkDeletionError(
      `Could not delete the whole network of ${environmentName}:\n${failures
        .map(f => `- ${f}`)
        .join('\n')}\nStill there: ${remaining.join(', ') || 'nothing'}`,
      deleted,
      remaining,
    );
  }
  return deleted;
}
