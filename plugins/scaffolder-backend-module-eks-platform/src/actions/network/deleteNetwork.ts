/**
 * Tears down an environment's network, found by its tags, through the engine: in the
 * reverse of the network graph (flow log and route tables, NAT gateways waited until
 * deleted, then Elastic IPs, internet gateway and subnets, the VPC last). Used by the
 * network action's rollback (only what one task created); `environment:destroy` and the
 * rollback of the later steps take, with it, what the cluster made in the network.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  EnvironmentSpec,
  kubernetesMadeGraph,
  networkGraph,
} from '@internal/plugin-eks-platform-common';
import {
  DeletedResource,
  destroyGraph,
  GraphDestroyError,
  listExisting,
  stepDestroyOptions,
} from '../../engine/destroy';
import {
  KUBERNETES_MADE_HANDLERS,
  KubernetesMadeClients,
} from '../../resources/kubernetes';
import { NETWORK_HANDLERS } from '../../resources/network';
import type { WaitSettings } from '../shared/waiting';

export type DeletedNetworkResource = DeletedResource;
export { GraphDestroyError as NetworkDeletionError };

export interface DeleteNetworkOptions {
  /** Only what this task created (a rollback); everything of the environment otherwise. */
  taskId?: string;
  waitSettings?: WaitSettings;
}

export function networkDestroy(
  ec2: EC2Client,
  spec: EnvironmentSpec,
  logger: Pick<LoggerService, 'info' | 'warn'>,
  options: DeleteNetworkOptions,
) {
  return stepDestroyOptions({
    nodes: networkGraph(spec),
    handlers: NETWORK_HANDLERS,
    clients: { ec2 },
    spec,
    logger,
    ...options,
    what: 'network',
  });
}

/**
 * The network with what the cluster made in it (load balancers, target groups, security
 * groups, volumes), which goes first: the destroy of the whole environment, once the
 * cluster is gone.
 */
export function environmentNetworkDestroy(
  clients: KubernetesMadeClients,
  spec: EnvironmentSpec,
  logger: Pick<LoggerService, 'info' | 'warn'>,
  options: DeleteNetworkOptions,
) {
  return stepDestroyOptions({
    nodes: [...networkGraph(spec), ...kubernetesMadeGraph(spec)],
    handlers: { ...NETWORK_HANDLERS, ...KUBERNETES_MADE_HANDLERS },
    clients,
    spec,
    logger,
    ...options,
    what: 'network',
  });
}

/**
 * Deletes the network resources tagged with the environment (and `options.taskId`),
 * logging each deletion. Throws a `NetworkDeletionError` naming what failed and what
 * remains when something could not be deleted.
 */
export function deleteNetwork(
  ec2: EC2Client,
  spec: EnvironmentSpec,
  logger: Pick<LoggerService, 'info' | 'warn'>,
  options: DeleteNetworkOptions = {},
): Promise<DeletedNetworkResource[]> {
  return destroyGraph(networkDestroy(ec2, spec, logger, options));
}

/** One line per network resource that exists: "VPC vpc-0ab (dpj-dev-vpc)". */
export function listNetwork(
  ec2: EC2Client,
  spec: EnvironmentSpec,
  logger: Pick<LoggerService, 'info' | 'warn'>,
  options: DeleteNetworkOptions = {},
): Promise<string[]> {
  return listExisting(networkDestroy(ec2, spec, logger, options));
}
