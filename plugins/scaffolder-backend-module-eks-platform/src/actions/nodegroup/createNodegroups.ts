import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  ADDONS_AFTER_NODES,
  EnvironmentSpec,
  NODEGROUP_KEYS,
  nodegroupGraph,
} from '@internal/plugin-eks-platform-common';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { GraphStepError } from '../../engine/apply';
import type { EksEc2Clients } from '../../resources/cluster/clusterResources';
import type { EnvironmentGuard } from '../access';
import { errorMessage } from '../shared/awsErrors';
import { checkpointedStepsFor, kindContextFor } from '../shared/engineRun';
import {
  environmentInputSchema,
  provisioningInputSchema,
  validateEnvironmentInput,
} from '../shared/environmentInput';
import { failureMessage } from '../shared/failureOutcome';
import { mergeWaitSettings } from '../shared/mergeWaitSettings';
import {
  dryRunResources,
  dryRunSummary,
  logDryRunRows,
  resourceOutputSchema,
  resourceSummary,
} from '../shared/resourceSummary';
import { WaitSettings } from '../shared/waiting';
import { CLUSTER_WAIT_SETTINGS } from '../cluster/createCluster';
import { remainingAfter, rollBackEarlierSteps } from '../rollback/earlierSteps';
import { createNodegroupsExamples } from './createNodegroups.examples';
import { deleteNodegroups } from './deleteNodegroups';
import { StepInventory } from '../../engine/inventory';
import { NODEGROUP_HANDLERS } from '../../resources/nodegroup';
import { listExisting } from '../../engine/destroy';
import { nodegroupDestroy } from './deleteNodegroups';
import { preflightNodegroups } from './preflight';
import {
  launchTemplateComponent,
  nodegroupComponent,
  nodegroupInputProblems,
} from './nodegroupPlan';
import { dryRunRows, provisionNodegroups } from './provisionNodegroups';

export type { NodegroupOutput } from './provisionNodegroups';

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

/** "node group app-spot failed: …", naming the node the engine stopped at. */
function failedNode(error: unknown): string {
  const prefix = NODEGROUP_KEYS.nodegroup('');
  if (error instanceof GraphStepError && error.step.startsWith(prefix)) {
    return `node group ${error.step.slice(prefix.length)} failed: ${
      error.message
    }`;
  }
  return errorMessage(error);
}

/** The error a failed run ends with: after a rollback, or naming what it leaves behind. */
async function failureOf(
  error: unknown,
  context: {
    clients: EksEc2Clients;
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
    }/${spec.region}) failed: ${failedNode(error)}.`,
    rollbackOnFailure: spec.rollbackOnFailure,
    taskId,
    logger,
    // The whole environment this task created goes: node groups, cluster, network.
    rollback: async () => [
      ...(await deleteNodegroups(context.clients, spec, {
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
    listExisting: () =>
      listExisting(
        nodegroupDestroy(context.clients, spec, {
          logger,
          waitSettings: context.waitSettings,
        }),
      ),
    retryHint: 'Retry the task to finish',
  });
  return new NodegroupCreateError(message, { cause: error });
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
        const context = kindContextFor(ctx, { eks, ec2 }, spec, waitSettings);
        const inventory = await StepInventory.found(
          nodegroupGraph(spec),
          NODEGROUP_HANDLERS,
          context,
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
          const rows = dryRunRows(spec, inventory).map(r => ({
            ...r,
            exists: r.outcome === 'reused',
          }));
          logDryRunRows(logger, rows);
          ctx.output(
            'nodeGroups',
            spec.nodeGroups.map(group => ({
              name: group.name,
              arn:
                inventory.ofKind('eks-nodegroup').find(r => r.id === group.name)
                  ?.arn ?? `dry-run:${nodegroupComponent(group.name)}`,
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
        const steps = checkpointedStepsFor(ctx, {
          scope: `${spec.account}/${spec.region}/${cluster}`,
          prefix: 'nodegroup',
          inventory,
        });
        let outputs: Awaited<ReturnType<typeof provisionNodegroups>>;
        try {
          outputs = await provisionNodegroups({
            kinds: context,
            cluster,
            nodeRoleArn: input.nodeRoleArn,
            controllerRoleArns: preflight.controllerRoleArns,
            subnetIds: input.privateSubnetIds,
            subnets: preflight.subnets,
            addonVersions: preflight.addonVersions,
            steps,
            taskId: ctx.task.id,
            adopt: input.adopt,
          });
        } catch (error) {
          throw await failureOf(error, {
            clients: { eks, ec2 },
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
