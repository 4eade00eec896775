/**
 * The three phases of `environment:destroy`, each one step's part of the graph through the
 * engine: the node groups, the cluster, then the network with what the cluster made in it.
 * A phase lists (the dry run) and deletes the same resources, found by the environment's
 * tags, so what the dry run shows is what a destroy deletes.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import {
  DeletedResource,
  destroyGraph,
  DestroyOptions,
  listResources,
} from '../../engine/destroy';
import type { ClusterClients } from '../cluster/clusterClients';
import { clusterDestroy } from '../cluster/deleteCluster';
import { environmentNetworkDestroy } from '../network/deleteNetwork';
import { nodegroupDestroy } from '../nodegroup/deleteNodegroups';
import type { WaitSettings } from '../shared/waiting';

/** One resource deleted (or, in a dry run, to delete). A type alias, so it is JSON. */
export type DestroyedResource = {
  /** CloudFormation-style type, e.g. `AWS::EC2::Subnet`. */
  type: string;
  /** The `Name` tag or the resource's name; the id when it has none. */
  name: string;
  id: string;
};

export type DestroyPhase = 'nodegroups' | 'cluster' | 'network';

export interface PhaseRunner {
  /** Read-only: what the phase would delete, in order. */
  list(): Promise<DestroyedResource[]>;
  delete(): Promise<DestroyedResource[]>;
}

/** "dpj-dev-public-eu-west-3a" out of "subnet-0ab (dpj-dev-public-eu-west-3a)". */
function nameOf(label: string, id: string): string {
  const match = /\(([^()]+)\)$/.exec(label);
  if (match) return match[1];
  const stripped = label.replace(/^(add-on|node group|launch template) /, '');
  return stripped || id;
}

/**
 * The id the summary shows: IAM, EKS and KMS resources by name (an add-on or node group by
 * its own name, not its cluster's), the rest by their id or ARN.
 */
function shownId({ type, id }: DeletedResource): string {
  if (!/^arn:aws[\w-]*:(iam|eks|kms):/.test(id)) return id;
  const parts = id.split('/');
  return type === 'AWS::EKS::Addon' || type === 'AWS::EKS::Nodegroup'
    ? parts[2] ?? id
    : parts[parts.length - 1];
}

const rowOf = (r: DeletedResource): DestroyedResource => ({
  type: r.type,
  name: nameOf(r.label, r.id),
  id: shownId(r),
});

function runner<C>(options: DestroyOptions<C>): PhaseRunner {
  return {
    list: async () => (await listResources(options)).map(rowOf),
    delete: async () => (await destroyGraph(options)).map(rowOf),
  };
}

export function destroyPhases(
  clients: ClusterClients,
  spec: EnvironmentSpec,
  logger: Pick<LoggerService, 'info' | 'warn'>,
  options: {
    waitSettings: WaitSettings;
    clusterWaitSettings: WaitSettings;
  },
): Record<DestroyPhase, PhaseRunner> {
  const { waitSettings } = options;
  return {
    nodegroups: runner(
      nodegroupDestroy(clients, spec, { logger, waitSettings }),
    ),
    cluster: runner(
      clusterDestroy(clients, spec, logger, {
        waitSettings: options.clusterWaitSettings,
      }),
    ),
    network: runner(
      environmentNetworkDestroy(clients, spec, logger, { waitSettings }),
    ),
  };
}
