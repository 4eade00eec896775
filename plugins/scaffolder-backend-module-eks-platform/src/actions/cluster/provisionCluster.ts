/**
 * The cluster step through the engine: the graph's cluster nodes (IAM roles with their trust
 * and policies, KMS key with its alias and rotation, cluster, admin access entry with its
 * policy, the add-ons before nodes), rendered with the action's inputs and the add-on
 * versions the preflight resolved, then applied; the outputs are read from the cluster.
 */
import {
  ADDONS_BEFORE_NODES,
  CLUSTER_KEYS as K,
  clusterGraph,
  ClusterGraphOptions,
} from '@internal/plugin-eks-platform-common';
import { applyGraph } from '../../engine/apply';
import { RetrySettings } from '../../engine/knownErrors';
import type { KindContext } from '../../engine/types';
import {
  CLUSTER_HANDLERS,
  describeAddon,
  describeCluster,
} from '../../resources/cluster';
import { CheckpointedSteps, StepOutcome } from '../shared/checkpointedSteps';
import { ClusterClients } from './clusterClients';

export interface CreatedClusterResource {
  type: string;
  name: string;
  component: string;
  id: string;
  outcome: StepOutcome;
}

export interface ClusterOutputs {
  clusterName: string;
  clusterArn: string;
  endpoint: string;
  certificateAuthority: string;
  oidcIssuer: string;
  clusterSecurityGroupId: string;
  clusterRoleArn: string;
  nodeRoleArn: string;
  vpcCniRoleArn: string;
  kmsKeyArn: string;
  addons: { name: string; version: string }[];
  resources: CreatedClusterResource[];
}

export interface ProvisionClusterOptions {
  context: KindContext<ClusterClients>;
  graph: Required<ClusterGraphOptions>;
  steps: CheckpointedSteps;
  retry: RetrySettings;
  taskId: string;
  adopt?: boolean;
}

export async function provisionCluster(
  options: ProvisionClusterOptions,
): Promise<ClusterOutputs> {
  const { context } = options;
  const nodes = clusterGraph(context.spec, options.graph);
  const results = await applyGraph({
    nodes,
    handlers: CLUSTER_HANDLERS,
    steps: options.steps,
    context,
    retry: options.retry,
    taskId: options.taskId,
    adopt: options.adopt,
  });
  const idOf = (key: string) => results.get(key)!.id;
  const clusterNode = nodes.find(n => n.key === K.cluster)!;
  const { eks } = context.clients;
  const cluster = (await describeCluster(eks, clusterNode.name))!;
  // Listed as the add-ons' order in the plan, not the (agent first) creation order.
  const addonNodes = ADDONS_BEFORE_NODES.map(
    name => nodes.find(n => n.kind === 'eks-addon' && n.name === name)!,
  );
  const addons = await Promise.all(
    addonNodes.map(async n => ({
      name: n.name,
      version:
        (await describeAddon(eks, clusterNode.name, n.name))?.addonVersion ??
        '',
    })),
  );
  return {
    clusterName: clusterNode.name,
    clusterArn: cluster.arn!,
    endpoint: cluster.endpoint!,
    certificateAuthority: cluster.certificateAuthority?.data ?? '',
    oidcIssuer: cluster.identity?.oidc?.issuer ?? '',
    clusterSecurityGroupId:
      cluster.resourcesVpcConfig?.clusterSecurityGroupId ?? '',
    clusterRoleArn: idOf(K.clusterRole),
    nodeRoleArn: idOf(K.nodeRole),
    vpcCniRoleArn: idOf(K.vpcCniRole),
    kmsKeyArn: idOf(K.secretsKey),
    addons,
    resources: nodes
      .filter(n => n.type)
      .map(n => ({
        type: n.type!,
        name: n.name,
        component: n.key,
        id: idOf(n.key),
        outcome: results.get(n.key)!.outcome,
      })),
  };
}
