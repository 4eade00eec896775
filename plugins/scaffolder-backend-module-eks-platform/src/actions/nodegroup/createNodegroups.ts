import {
  CreateLaunchTemplateCommand,
  DescribeLaunchTemplatesCommand,
  EC2Client,
  Subnet,
} from '@aws-sdk/client-ec2';
import {
  CreateAddonCommand,
  CreateNodegroupCommand,
  DescribeAddonCommand,
  DescribeNodegroupCommand,
  EKSClient,
  Nodegroup,
  waitUntilAddonActive,
  waitUntilNodegroupActive,
} from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ADDONS_AFTER_NODES,
  EnvironmentSpec,
  NodeGroupSpec,
} from '@internal/plugin-eks-platform-common';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import type { EnvironmentGuard } from '../access';
import { awsErrorCode, errorMessage } from '../shared/awsErrors';
import { CheckpointedSteps, StepOutcome } from '../shared/checkpointedSteps';
import {
  environmentInputSchema,
  provisioningInputSchema,
  validateEnvironmentInput,
} from '../shared/environmentInput';
import {
  componentTags,
  environmentTags,
  TagMap,
  tagFilters,
  tagSpecifications,
  tagValue,
  COMPONENT_TAG,
} from '../shared/tagging';
import { failureMessage } from '../shared/failureOutcome';
import { mergeWaitSettings } from '../shared/mergeWaitSettings';
import {
  dryRunResources,
  dryRunSummary,
  logDryRunRows,
  resourceOutputSchema,
  resourceSummary,
} from '../shared/resourceSummary';
import { onceRoleIsAssumable } from '../shared/iamPropagation';
import { waitWithProgress, WaitSettings } from '../shared/waiting';
import { CLUSTER_WAIT_SETTINGS } from '../cluster/createCluster';
import { remainingAfter, rollBackEarlierSteps } from '../rollback/earlierSteps';
import { createNodegroupsExamples } from './createNodegroups.examples';
import { deleteNodegroups } from './deleteNodegroups';
import {
  discoverNodegroups,
  isUsableAddon,
  isUsableNodegroup,
  liveKeysOf,
  NodegroupInventory,
  preflightNodegroups,
} from './discovery';
import { waitForEgress } from './egress';
import {
  addonComponent,
  afterNodesAddonConfiguration,
  launchTemplateComponent,
  launchTemplateData,
  launchTemplateName,
  nodegroupComponent,
  nodegroupInputProblems,
  nodegroupRequest,
  nodegroupTags,
  planNodegroups,
} from './nodegroupPlan';

export const CREATE_NODEGROUPS_ACTION_ID = 'eks-platform:nodegroup:create';

export interface CreateNodegroupsActionOptions {
  /** Builds the EKS, EC2 and IAM clients of the environment's account and region. */
  aws: Pick<AwsClientFactory, 'create'>;
  /** Who may create which environment, decided before the first AWS call. */
  guard: Pick<EnvironmentGuard, 'admitCreate'>;
  /** Today, for the Kubernetes versions the spec is validated against. */
  now?: () => Date;
  waitSettings?: Partial<WaitSettings>;
}

/** A provisioning failure, after the rollback when there was one. */
export class NodegroupCreateError extends Error {
  readonly name = 'NodegroupCreateError';
}

export interface NodegroupOutput {
  name: string;
  arn: string;
  capacityType: string;
  instanceTypes: string[];
  launchTemplateId: string;
}

interface ResourceRow {
  type: string;
  name: string;
  component: string;
  id: string;
  outcome: StepOutcome | 'planned';
}

/** Why a node group is not ACTIVE: its status and health issues, with AWS's codes. */
function describeFailure(nodegroup: Nodegroup | undefined): string {
  if (!nodegroup) return 'it no longer exists';
  const issues = (nodegroup.health?.issues ?? [])
    .map(issue => `${issue.code}: ${issue.message}`)
    .join('; ');
  return `status ${nodegroup.status}${issues ? ` (${issues})` : ''}`;
}

/** One error naming every group that failed, the rest having been awaited. */
class GroupFailures extends Error {
  constructor(readonly failures: { group: string; reason: string }[]) {
    super(
      failures.map(f => `node group ${f.group} failed: ${f.reason}`).join('; '),
    );
  }
}

async function settleAll<T>(
  items: { group: string; run: () => Promise<T> }[],
): Promise<T[]> {
  const results = await Promise.allSettled(items.map(item => item.run()));
  const failures = results.flatMap((result, index) =>
    result.status === 'rejected'
      ? [{ group: items[index].group, reason: errorMessage(result.reason) }]
      : [],
  );
  if (failures.length) throw new GroupFailures(failures);
  return results.map(r => (r as PromiseFulfilledResult<T>).value);
}

interface ProvisionContext {
  eks: EKSClient;
  ec2: EC2Client;
  spec: EnvironmentSpec;
  cluster: string;
  nodeRoleArn: string;
  subnetIds: string[];
  /** The subnets as the preflight read them. */
  subnets: Subnet[];
  addonVersions: Map<string, string>;
  steps: CheckpointedSteps;
  tags: TagMap;
  logger: LoggerService;
  waitSettings: WaitSettings;
  abortSignal?: AbortSignal;
}

async function provision(context: ProvisionContext) {
  const { eks, ec2, spec, cluster, steps, tags, logger } = context;
  const rows: ResourceRow[] = [];

  // 0. Egress first: nodes cannot join without the NAT gateways their subnets route
  // through, which the network step may have left pending (waitForNatGateways: false).
  await waitForEgress({
    ec2,
    subnetIds: context.subnetIds,
    subnets: context.subnets,
    logger,
    waitSettings: context.waitSettings,
    abortSignal: context.abortSignal,
  });

  // 1. A launch template per group, in parallel.
  const templates = await settleAll(
    spec.nodeGroups.map(group => ({
      group: group.name,
      run: async () => {
        const component = launchTemplateComponent(group.name);
        const name = launchTemplateName(cluster, group.name);
        const templateTags = componentTags(tags, component, name, {
          'eks-platform:cluster': cluster,
        });
        const result = await steps.resource({
          component,
          kind: 'launch template',
          name,
          find: async () => {
            const { LaunchTemplates = [] } = await ec2.send(
              new DescribeLaunchTemplatesCommand({
                Filters: tagFilters(spec.name, { component }),
              }),
            );
            return {
              live: LaunchTemplates.map(t => ({
                id: t.LaunchTemplateId!,
                label: `${t.LaunchTemplateId} (${t.LaunchTemplateName})`,
              })),
            };
          },
          create: async clientToken => {
            const { LaunchTemplate } = await ec2.send(
              new CreateLaunchTemplateCommand({
                LaunchTemplateName: name,
                ClientToken: clientToken,
                VersionDescription: `EKS node group ${group.name} of ${cluster}`,
                LaunchTemplateData: launchTemplateData(
                  group,
                  nodegroupTags(tags, cluster, group),
                ),
                TagSpecifications: tagSpecifications(
                  'launch-template',
                  templateTags,
                ),
              }),
            );
            return LaunchTemplate!.LaunchTemplateId!;
          },
        });
        rows.push({
          type: 'AWS::EC2::LaunchTemplate',
          name,
          component,
          id: result.id,
          outcome: result.outcome,
        });
        return result.id;
      },
    })),
  );
  const templateOf = new Map(
    spec.nodeGroups.map((group, index) => [group.name, templates[index]]),
  );

  // 2. Every node group is created before any is awaited.
  await settleAll(
    spec.nodeGroups.map(group => ({
      group: group.name,
      run: async () => {
        const component = nodegroupComponent(group.name);
        const result = await steps.resource({
          component,
          kind: 'node group',
          name: group.name,
          find: async () => {
            let nodegroup: Nodegroup | undefined;
            try {
              nodegroup = (
                await eks.send(
                  new DescribeNodegroupCommand({
                    clusterName: cluster,
                    nodegroupName: group.name,
                  }),
                )
              ).nodegroup;
            } catch (error) {
              if (awsErrorCode(error) !== 'ResourceNotFoundException') {
                throw error;
              }
            }
            if (!nodegroup) return { live: [] };
            if (!isUsableNodegroup(nodegroup)) {
              // The name is taken until it is deleted: say so rather than fail on the create.
              throw new Error(
                `node group ${group.name} exists with ${describeFailure(
                  nodegroup,
                )}; delete it (or destroy the environment) and retry`,
              );
            }
            return {
              live: [{ id: group.name, label: nodegroup.nodegroupArn! }],
            };
          },
          create: async clientRequestToken => {
            const createNodegroup = new CreateNodegroupCommand(
              nodegroupRequest({
                cluster,
                group,
                subnets: context.subnetIds,
                nodeRoleArn: context.nodeRoleArn,
                launchTemplateId: templateOf.get(group.name)!,
                tags: nodegroupTags(tags, cluster, group),
                clientRequestToken,
              }),
            );
            await onceRoleIsAssumable(() => eks.send(createNodegroup), {
              roleArn: context.nodeRoleArn,
              waitSettings: context.waitSettings,
              logger,
            });
            return group.name;
          },
        });
        rows.push({
          type: 'AWS::EKS::Nodegroup',
          name: group.name,
          component,
          id: group.name,
          outcome: result.outcome,
        });
      },
    })),
  );

  // 3. Await them all, each with its own elapsed time.
  const nodegroups = await settleAll(
    spec.nodeGroups.map(group => ({
      group: group.name,
      run: () => waitForNodegroup(context, group),
    })),
  );

  // 4. The add-ons that need nodes, pinned to the cluster version's default.
  const addons = await settleAll(
    ADDONS_AFTER_NODES.map(addonName => ({
      group: `(add-on ${addonName})`,
      run: async () => {
        const version = context.addonVersions.get(addonName)!;
        const component = addonComponent(addonName);
        const result = await steps.resource({
          component,
          kind: 'add-on',
          name: addonName,
          find: async () => {
            try {
              const { addon } = await eks.send(
                new DescribeAddonCommand({ clusterName: cluster, addonName }),
              );
              if (addon && isUsableAddon(addon)) {
                return {
                  live: [
                    {
                      id: addonName,
                      label: `${addonName} ${addon.addonVersion}`,
                    },
                  ],
                };
              }
              if (addon) {
                throw new Error(
                  `add-on ${addonName} exists with status ${addon.status}; delete it and retry`,
                );
              }
            } catch (error) {
              if (awsErrorCode(error) !== 'ResourceNotFoundException') {
                throw error;
              }
            }
            return { live: [] };
          },
          create: async clientRequestToken => {
            await eks.send(
              new CreateAddonCommand({
                clusterName: cluster,
                addonName,
                addonVersion: version,
                configurationValues: afterNodesAddonConfiguration(
                  addonName,
                  cluster,
                  tags,
                ),
                resolveConflicts: 'OVERWRITE',
                clientRequestToken,
                tags: componentTags(tags, component, addonName),
              }),
            );
            return addonName;
          },
        });
        const { addon } = await waitWithProgress({
          logger,
          what: `add-on ${addonName} to become ACTIVE`,
          settings: context.waitSettings,
          abortSignal: context.abortSignal,
          wait: async timing => {
            await waitUntilAddonActive(
              { client: eks, ...timing },
              { clusterName: cluster, addonName },
            );
            return eks.send(
              new DescribeAddonCommand({ clusterName: cluster, addonName }),
            );
          },
        });
        rows.push({
          type: 'AWS::EKS::Addon',
          name: addonName,
          component,
          id: addonName,
          outcome: result.outcome,
        });
        return { name: addonName, version: addon?.addonVersion ?? version };
      },
    })),
  );

  const order = planNodegroups(spec, cluster).map(p => p.component);
  rows.sort((a, b) => order.indexOf(a.component) - order.indexOf(b.component));
  const nodegroupOutputs: NodegroupOutput[] = nodegroups.map(
    (nodegroup, index) => ({
      name: nodegroup.nodegroupName!,
      arn: nodegroup.nodegroupArn!,
      capacityType: nodegroup.capacityType!,
      instanceTypes: nodegroup.instanceTypes ?? [],
      launchTemplateId: templateOf.get(spec.nodeGroups[index].name)!,
    }),
  );
  return { nodegroups: nodegroupOutputs, addons, resources: rows };
}

async function waitForNodegroup(
  context: ProvisionContext,
  group: NodeGroupSpec,
): Promise<Nodegroup> {
  const { eks, cluster, logger } = context;
  const describe = async () =>
    (
      await eks.send(
        new DescribeNodegroupCommand({
          clusterName: cluster,
          nodegroupName: group.name,
        }),
      )
    ).nodegroup;
  try {
    await waitWithProgress({
      logger,
      what: `node group ${group.name} (${
        group.capacityType
      } ${group.instanceTypes.join('/')}) to become ACTIVE`,
      settings: context.waitSettings,
      abortSignal: context.abortSignal,
      wait: timing =>
        waitUntilNodegroupActive(
          { client: eks, ...timing },
          { clusterName: cluster, nodegroupName: group.name },
        ),
    });
  } catch (error) {
    let nodegroup: Nodegroup | undefined;
    try {
      nodegroup = await describe();
    } catch {
      // Keep the waiter's error.
    }
    if (nodegroup && nodegroup.status !== 'ACTIVE') {
      throw new Error(describeFailure(nodegroup), { cause: error });
    }
    if (!nodegroup) throw error;
  }
  return (await describe())!;
}

/** The error a failed run ends with: after a rollback, or naming what it leaves behind. */
async function failureOf(
  error: unknown,
  context: {
    eks: EKSClient;
    ec2: EC2Client;
    spec: EnvironmentSpec;
    cluster: string;
    taskId: string;
    logger: LoggerService;
    waitSettings: WaitSettings;
    aws: Pick<AwsClientFactory, 'create'>;
    clusterWaitSettings: WaitSettings;
  },
): Promise<NodegroupCreateError> {
  const { spec, cluster, taskId, logger } = context;
  const message = await failureMessage({
    failed: `Creating the node groups of ${cluster} (${spec.name}, ${
      spec.account
    }/${spec.region}) failed: ${errorMessage(error)}.`,
    rollbackOnFailure: spec.rollbackOnFailure,
    taskId,
    logger,
    // The whole environment this task created goes: node groups, cluster, network.
    rollback: async () => [
      ...(await deleteNodegroups(context, {
        clusterName: cluster,
        environmentName: spec.name,
        taskId,
        logger,
        waitSettings: context.waitSettings,
      })),
      ...(await rollBackEarlierSteps(['cluster', 'network'], {
        aws: context.aws,
        spec,
        taskId,
        logger,
        waitSettings: context.waitSettings,
        clusterWaitSettings: context.clusterWaitSettings,
      })),
    ],
    remainingAfterRollback: remainingAfter,
    listExisting: async () => {
      const inventory = await discoverNodegroups(
        context.eks,
        context.ec2,
        cluster,
        spec.name,
      );
      return [
        ...[...inventory.nodegroups.values()].map(
          n => `node group ${n.nodegroupName} (${n.status})`,
        ),
        ...inventory.launchTemplates.map(
          t =>
            `launch template ${t.LaunchTemplateId} (${t.LaunchTemplateName})`,
        ),
        ...[...inventory.addons.values()]
          .filter(a => a.tags?.['eks-platform:environment-name'] === spec.name)
          .map(a => `add-on ${a.addonName} (${a.status})`),
      ];
    },
    retryHint: 'Retry the task to finish',
  });
  return new NodegroupCreateError(message, { cause: error });
}

function dryRunRows(
  spec: EnvironmentSpec,
  cluster: string,
  inventory: NodegroupInventory,
): (ResourceRow & { detail: string })[] {
  return planNodegroups(spec, cluster).map(planned => {
    let id: string | undefined;
    if (planned.type === 'AWS::EC2::LaunchTemplate') {
      id = inventory.launchTemplates.find(
        t => tagValue(t.Tags, COMPONENT_TAG) === planned.component,
      )?.LaunchTemplateId;
    } else if (planned.type === 'AWS::EKS::Nodegroup') {
      const found = inventory.nodegroups.get(planned.name);
      id = found && isUsableNodegroup(found) ? planned.name : undefined;
    } else {
      const found = inventory.addons.get(planned.name);
      id = found && isUsableAddon(found) ? planned.name : undefined;
    }
    return {
      ...planned,
      id: id ?? `dry-run:${planned.component}`,
      outcome: id ? 'reused' : 'planned',
    };
  });
}

/**
 * `eks-platform:nodegroup:create`: the managed node groups of an environment, created in
 * parallel, each with its own launch template (IMDSv2 required, hop limit 1, encrypted gp3)
 * and one capacity type; then CoreDNS and the EBS and EFS CSI drivers at the default
 * version for the cluster. Validates the whole input and checks the account (cluster,
 * subnets, role, instance type offerings, add-on versions) before creating anything; every
 * step runs in a checkpoint and is a find-or-create, so a retried task resumes. Before the
 * first node group it waits for the NAT gateways the subnets route through (`egress.ts`).
 */
export function createNodegroupsCreateAction(
  options: CreateNodegroupsActionOptions,
) {
  const now = options.now ?? (() => new Date());
  const waitSettings = mergeWaitSettings(options.waitSettings);
  return createTemplateAction({
    id: CREATE_NODEGROUPS_ACTION_ID,
    description:
      'Waits for the NAT gateways the private subnets route through (the network step may leave them pending), then creates the managed node groups of an EKS environment in parallel, each with a launch template (IMDSv2 required, hop limit 1, encrypted gp3 root volume) and one capacity type, labels and taints from the preset; then installs CoreDNS and the EBS and EFS CSI drivers at the default version for the cluster. Resumes on retry; dry run lists what it would create.',
    examples: createNodegroupsExamples,
    supportsDryRun: true,
    schema: {
      input: {
        ...environmentInputSchema,
        ...provisioningInputSchema,
        clusterName: z =>
          z.string().describe('The ACTIVE EKS cluster the node groups join'),
        nodeRoleArn: z =>
          z
            .string()
            .describe(
              'IAM role of the nodes (AmazonEKSWorkerNodePolicy, AmazonEC2ContainerRegistryPullOnly)',
            ),
        privateSubnetIds: z =>
          z
            .array(z.string())
            .describe('The private subnets, one per availability zone'),
        nodeGroups: z =>
          z
            .array(
              z.object({
                name: z.string(),
                role: z.enum(['system', 'application']),
                instanceTypes: z.array(z.string()),
                capacityType: z.enum(['ON_DEMAND', 'SPOT']),
                minSize: z.number(),
                desiredSize: z.number(),
                maxSize: z.number(),
                diskSizeGiB: z.number(),
                labels: z.record(z.string()),
                taints: z.array(
                  z.object({
                    key: z.string(),
                    value: z.string(),
                    effect: z.enum([
                      'NO_SCHEDULE',
                      'NO_EXECUTE',
                      'PREFER_NO_SCHEDULE',
                    ]),
                  }),
                ),
              }),
            )
            .optional()
            .describe("Replaces the preset's node groups"),
      },
      output: {
        nodeGroups: z =>
          z.array(
            z.object({
              name: z.string(),
              arn: z.string(),
              capacityType: z.string(),
              instanceTypes: z.array(z.string()),
              launchTemplateId: z.string(),
            }),
          ),
        addons: z =>
          z.array(z.object({ name: z.string(), version: z.string() })),
        ...resourceOutputSchema,
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      const today = now();
      const validated = validateEnvironmentInput(input, {
        today,
        extraBooleans: ['rollbackOnFailure', 'adopt'],
        extraProblems: s => nodegroupInputProblems(input, s, today),
      });
      await options.guard.admitCreate(ctx, validated, { adopt: input.adopt });
      const spec: EnvironmentSpec = input.nodeGroups
        ? { ...validated, nodeGroups: input.nodeGroups }
        : validated;
      const cluster = input.clusterName;
      const target = { accountId: spec.account, region: spec.region };
      const [eks, ec2, iam] = await Promise.all([
        options.aws.create(EKSClient, target),
        options.aws.create(EC2Client, target),
        options.aws.create(IAMClient, target),
      ]);
      try {
        const inventory = await discoverNodegroups(
          eks,
          ec2,
          cluster,
          spec.name,
        );
        const preflight = await preflightNodegroups(
          { eks, ec2, iam },
          spec,
          {
            clusterName: cluster,
            nodeRoleArn: input.nodeRoleArn,
            subnetIds: input.privateSubnetIds,
          },
          inventory,
        );

        if (ctx.isDryRun) {
          const rows = dryRunRows(spec, cluster, inventory).map(r => ({
            ...r,
            exists: r.outcome === 'reused',
          }));
          logDryRunRows(logger, rows);
          ctx.output(
            'nodeGroups',
            spec.nodeGroups.map(group => ({
              name: group.name,
              arn:
                inventory.nodegroups.get(group.name)?.nodegroupArn ??
                `dry-run:${nodegroupComponent(group.name)}`,
              capacityType: group.capacityType,
              instanceTypes: group.instanceTypes,
              launchTemplateId: rows.find(
                r => r.component === launchTemplateComponent(group.name),
              )!.id,
            })),
          );
          ctx.output(
            'addons',
            ADDONS_AFTER_NODES.map(name => ({
              name,
              version: preflight.addonVersions.get(name)!,
            })),
          );
          ctx.output('resources', dryRunResources(rows));
          ctx.output('summary', dryRunSummary(rows));
          return;
        }

        logger.info(
          `Creating ${
            spec.nodeGroups.length
          } node groups on ${cluster} (Kubernetes ${
            preflight.cluster.version
          }) in parallel: ${spec.nodeGroups
            .map(g => `${g.name} ${g.capacityType}`)
            .join(', ')} (rollbackOnFailure ${
            spec.rollbackOnFailure ? 'on' : 'off'
          })`,
        );
        const liveKeys = liveKeysOf(inventory);
        const steps = new CheckpointedSteps({
          checkpoint: ctx.checkpoint,
          logger,
          taskId: ctx.task.id,
          scope: `${spec.account}/${spec.region}/${cluster}`,
          prefix: 'nodegroup',
          isLive: key => liveKeys.has(key),
        });
        let outputs: Awaited<ReturnType<typeof provision>>;
        try {
          outputs = await provision({
            eks,
            ec2,
            spec,
            cluster,
            nodeRoleArn: input.nodeRoleArn,
            subnetIds: input.privateSubnetIds,
            subnets: preflight.subnets,
            addonVersions: preflight.addonVersions,
            steps,
            tags: environmentTags(spec, ctx.task.id),
            logger,
            waitSettings,
            abortSignal: ctx.signal,
          });
        } catch (error) {
          throw await failureOf(error, {
            eks,
            ec2,
            spec,
            cluster,
            taskId: ctx.task.id,
            logger,
            waitSettings,
            aws: options.aws,
            clusterWaitSettings: mergeWaitSettings(
              options.waitSettings,
              CLUSTER_WAIT_SETTINGS,
            ),
          });
        }
        ctx.output('nodeGroups', outputs.nodegroups);
        ctx.output('addons', outputs.addons);
        ctx.output('resources', outputs.resources);
        ctx.output(
          'summary',
          resourceSummary(
            outputs.resources.map(r => ({ ...r, note: r.outcome })),
          ),
        );
        const created = outputs.resources.filter(
          r => r.outcome === 'created',
        ).length;
        logger.info(
          `Node groups of ${cluster} ready: ${created} resource(s) created, ${
            outputs.resources.length - created
          } reused`,
        );
      } finally {
        eks.destroy();
        ec2.destroy();
        iam.destroy();
      }
    },
  });
}
