/**
 * The node group step through the engine: the graph's node group nodes rendered with the
 * action's inputs and the add-on versions the preflight resolved, applied after the NAT
 * gateways the subnets route through are available; and its plan for the dry run.
 */
import { Subnet } from '@aws-sdk/client-ec2';
import {
  DescribeAddonCommand,
  DescribeNodegroupCommand,
} from '@aws-sdk/client-eks';
import {
  ADDONS_AFTER_NODES,
  CLUSTER_KEYS,
  EnvironmentSpec,
  NODEGROUP_KEYS,
  nodegroupGraph,
} from '@internal/plugin-eks-platform-common';
import { applyGraph } from '../../engine/apply';
import { retrySettingsFor } from '../../engine/knownErrors';
import type { EksEc2Clients } from '../../resources/cluster/clusterResources';
import { NODEGROUP_HANDLERS } from '../../resources/nodegroup';
import { CheckpointedSteps, StepOutcome } from '../shared/checkpointedSteps';
import type { StepInventory } from '../../engine/inventory';
import type { KindContext } from '../../engine/types';
import { waitForEgress } from './egress';

export interface NodegroupOutput {
  name: string;
  arn: string;
  capacityType: string;
  instanceTypes: string[];
  launchTemplateId: string;
}

export interface ResourceRow {
  type: string;
  name: string;
  component: string;
  id: string;
  outcome: StepOutcome | 'planned';
}

export interface ProvisionContext {
  /** The kinds' context: clients, spec, the task's tags, logger, waits. */
  kinds: KindContext<EksEc2Clients>;
  cluster: string;
  nodeRoleArn: string;
  /** The add-ons' controller roles the cluster step made, by node key. */
  controllerRoleArns: Record<string, string>;
  subnetIds: string[];
  /** The subnets as the preflight read them. */
  subnets: Subnet[];
  addonVersions: Map<string, string>;
  steps: CheckpointedSteps;
  taskId: string;
  adopt?: boolean;
}

/** The graph's node group step, rendered with the action's inputs, through the engine. */
export async function provisionNodegroups(context: ProvisionContext) {
  const { kinds, cluster } = context;
  const { clients, spec, logger, waitSettings } = kinds;

  // Egress first: nodes cannot join without the NAT gateways their subnets route
  // through, which the network step may have left pending (waitForNatGateways: false).
  await waitForEgress({
    ec2: clients.ec2,
    subnetIds: context.subnetIds,
    subnets: context.subnets,
    logger,
    waitSettings,
    abortSignal: kinds.abortSignal,
  });

  const nodes = nodegroupGraph(spec, {
    privateSubnetIds: context.subnetIds,
    addonVersions: Object.fromEntries(context.addonVersions),
  });
  const results = await applyGraph({
    nodes,
    handlers: NODEGROUP_HANDLERS,
    steps: context.steps,
    context: kinds,
    retry: retrySettingsFor(waitSettings),
    taskId: context.taskId,
    adopt: context.adopt,
    known: {
      [CLUSTER_KEYS.nodeRole]: context.nodeRoleArn,
      ...context.controllerRoleArns,
    },
  });

  const { eks } = clients;
  const nodegroups: NodegroupOutput[] = await Promise.all(
    spec.nodeGroups.map(async group => {
      const { nodegroup } = await eks.send(
        new DescribeNodegroupCommand({
          clusterName: cluster,
          nodegroupName: group.name,
        }),
      );
      return {
        name: nodegroup!.nodegroupName!,
        arn: nodegroup!.nodegroupArn!,
        capacityType: nodegroup!.capacityType!,
        instanceTypes: nodegroup!.instanceTypes ?? [],
        launchTemplateId: results.get(
          NODEGROUP_KEYS.launchTemplate(group.name),
        )!.id,
      };
    }),
  );
  const addons = await Promise.all(
    ADDONS_AFTER_NODES.map(async name => {
      const { addon } = await eks.send(
        new DescribeAddonCommand({ clusterName: cluster, addonName: name }),
      );
      return {
        name,
        version: addon?.addonVersion ?? context.addonVersions.get(name)!,
      };
    }),
  );
  const resources: ResourceRow[] = nodes
    .filter(n => n.type)
    .map(n => {
      const result = results.get(n.key)!;
      return {
        type: n.type!,
        name: n.name,
        component: n.key,
        // As before the engine: node groups and add-ons by name.
        id: n.kind === 'launch-template' ? result.id : n.name,
        outcome: result.outcome,
      };
    });
  return { nodegroups, addons, resources };
}

/** The step's resources for the dry run, with the id of those that exist already. */
export function dryRunRows(
  spec: EnvironmentSpec,
  inventory: StepInventory,
): (ResourceRow & { detail: string })[] {
  return nodegroupGraph(spec)
    .filter(n => n.type)
    .map(n => ({
      type: n.type!,
      name: n.name,
      component: n.key,
      detail: n.description,
    }))
    .map(planned => {
      const found = inventory.resourceOf({ key: planned.component });
      // As the action outputs them: node groups and add-ons by name.
      const id =
        found &&
        (planned.type === 'AWS::EC2::LaunchTemplate' ? found.id : planned.name);
      return {
        ...planned,
        id: id ?? `dry-run:${planned.component}`,
        outcome: id ? 'reused' : 'planned',
      };
    });
}
