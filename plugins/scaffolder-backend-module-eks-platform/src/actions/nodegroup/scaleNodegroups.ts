/**
 * `eks-platform:nodegroup:scale`: new min / desired / max for node groups of a running
 * environment, checked with the rules that created them before any change, applied with
 * UpdateNodegroupConfig one group after the other, each waited for with DescribeUpdate.
 */
import { createHash } from 'node:crypto';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  clusterName as clusterNameOf,
  formatProblems,
  ResizeRequest,
  resizedIpCapacity,
  resizedNodeGroups,
  resizeProblems,
  resizeRequestProblems,
  RunningNodeGroup,
  RunningSubnet,
} from '@internal/plugin-eks-platform-common';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import type { EnvironmentGuard } from '../access';
import {
  environmentTargetSchema,
  validateEnvironmentTarget,
} from '../shared/environmentInput';
import { mergeWaitSettings } from '../shared/mergeWaitSettings';
import { WaitSettings } from '../shared/waiting';
import { waitForUpdate } from '../shared/eksUpdates';
import { readRunningCluster, startScaling } from './runningNodegroups';

export const SCALE_NODEGROUPS_ACTION_ID = 'eks-platform:nodegroup:scale';

export interface ScaleNodegroupsActionOptions {
  aws: Pick<AwsClientFactory, 'create'>;
  /** Who may change which environment, decided before the first change. */
  guard: Pick<EnvironmentGuard, 'admitChange'>;
  now?: () => Date;
  waitSettings?: Partial<WaitSettings>;
}

const sizesOf = (g: {
  minSize: number;
  desiredSize: number;
  maxSize: number;
}) => `${g.minSize}/${g.desiredSize}/${g.maxSize}`;

/** "system 2/2/4 (m6i.large) · app-spot 0/2/8 (m6i.xlarge, m5.xlarge)" and the zones' IPs. */
function logCapacity(
  logger: LoggerService,
  when: string,
  groups: RunningNodeGroup[],
  subnets: RunningSubnet[],
) {
  logger.info(
    `Node groups ${when} (min/desired/max): ${groups
      .map(g => `${g.name} ${sizesOf(g)} (${g.instanceTypes.join(', ')})`)
      .join(' · ')}`,
  );
  const zones = resizedIpCapacity(groups, subnets);
  logger.info(
    `IP ceiling ${when}, every node group at its maximum: ${zones
      .map(
        z =>
          `${z.availabilityZone} ${z.requiredAddresses} of ${z.usableAddresses} addresses (${z.nodesPerAvailabilityZone} nodes)`,
      )
      .join(' · ')}`,
  );
}

export function createScaleNodegroupsAction(
  options: ScaleNodegroupsActionOptions,
) {
  const now = options.now ?? (() => new Date());
  const waitSettings = mergeWaitSettings(options.waitSettings);
  return createTemplateAction({
    id: SCALE_NODEGROUPS_ACTION_ID,
    description:
      "Sets min / desired / max of node groups of a running EKS environment with UpdateNodegroupConfig, one group after the other, each waited for with DescribeUpdate. Before any change: min ≤ desired ≤ max, the 'Nodes per managed node group' quota, and the IP ceiling of the cluster's private subnets with every node group at its (new) maximum, each refusal naming its field; and the permission policy's eks-platform.environment.create (create or change) on the environment as tagged. Logs the node groups and the IP ceiling before and after. Resumable: a rerun waits for the update it started. Dry run: checks and lists the changes, changes nothing.",
    supportsDryRun: true,
    schema: {
      input: {
        ...environmentTargetSchema,
        nodeGroups: z =>
          z
            .array(
              z.object({
                name: z.string().describe('Node group name, e.g. app-spot'),
                minSize: z.number().int(),
                desiredSize: z.number().int(),
                maxSize: z.number().int(),
              }),
            )
            .min(1)
            .describe('The node groups to resize, with their new sizes'),
      },
      output: {
        nodeGroups: z =>
          z
            .array(
              z.object({
                name: z.string(),
                before: z.string(),
                after: z.string(),
              }),
            )
            .describe(
              'Each node group resized, min/desired/max before and after',
            ),
        summary: z =>
          z
            .string()
            .describe('"app-spot 0/2/8 → 1/3/10", one entry per node group'),
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      const spec = validateEnvironmentTarget(input, now());
      const requested: ResizeRequest[] = input.nodeGroups;
      const sizeProblems = resizeRequestProblems(requested);
      if (sizeProblems.length > 0) {
        throw new InputError(`Invalid resize: ${formatProblems(sizeProblems)}`);
      }
      await options.guard.admitChange(ctx, spec);
      const target = { accountId: spec.account, region: spec.region };
      const [eks, ec2] = await Promise.all([
        options.aws.create(EKSClient, target),
        options.aws.create(EC2Client, target),
      ]);
      try {
        const clusterName = clusterNameOf(spec);
        const running = await readRunningCluster({ eks, ec2 }, clusterName);
        // A resumed task finds the group it is changing UPDATING; anyone else's update is
        // refused by EKS itself (ResourceInUseException) when this one starts.
        const problems = resizeProblems(
          running.nodeGroups.map(g =>
            g.status === 'UPDATING' ? { ...g, status: 'ACTIVE' } : g,
          ),
          running.subnets,
          requested,
        );
        if (problems.length > 0) {
          throw new InputError(
            `Cannot resize the node groups of ${clusterName}: ${formatProblems(
              problems,
            )}`,
          );
        }
        logCapacity(logger, 'before', running.nodeGroups, running.subnets);
        const after = resizedNodeGroups(running.nodeGroups, requested);
        const changes = requested.flatMap(request => {
          const before = running.nodeGroups.find(g => g.name === request.name)!;
          return sizesOf(before) === sizesOf(request)
            ? []
            : [{ request, before: sizesOf(before), after: sizesOf(request) }];
        });
        for (const unchanged of requested.filter(
          r => !changes.some(c => c.request.name === r.name),
        )) {
          logger.info(
            `Node group ${unchanged.name} already has ${sizesOf(unchanged)}`,
          );
        }
        if (ctx.isDryRun) {
          for (const change of changes) {
            logger.info(
              `Dry run: would set node group ${change.request.name} from ${change.before} to ${change.after}`,
            );
          }
          logCapacity(logger, 'after (planned)', after, running.subnets);
        } else {
          for (const { request, before } of changes) {
            const key = `nodegroup-scale:${request.name}:${sizesOf(request)}`;
            const updateId = await ctx.checkpoint({
              key,
              fn: () =>
                startScaling(eks, {
                  clusterName,
                  nodegroupName: request.name,
                  sizes: {
                    minSize: request.minSize,
                    desiredSize: request.desiredSize,
                    maxSize: request.maxSize,
                  },
                  clientRequestToken: createHash('sha256')
                    .update(`${ctx.task.id}:${key}`)
                    .digest('hex')
                    .slice(0, 32),
                }),
            });
            logger.info(
              `Node group ${request.name}: ${before} → ${sizesOf(
                request,
              )} (update ${updateId})`,
            );
            await waitForUpdate(eks, {
              clusterName,
              nodegroupName: request.name,
              updateId,
              what: `the scaling update ${updateId} of node group ${request.name}`,
              logger,
              settings: waitSettings,
            });
          }
          const resized = await readRunningCluster({ eks, ec2 }, clusterName);
          logCapacity(logger, 'after', resized.nodeGroups, resized.subnets);
        }
        ctx.output(
          'summary',
          changes
            .map(c => `${c.request.name} ${c.before} → ${c.after}`)
            .join('; ') || 'no change',
        );
        ctx.output(
          'nodeGroups',
          changes.map(c => ({
            name: c.request.name,
            before: c.before,
            after: c.after,
          })),
        );
      } finally {
        eks.destroy();
        ec2.destroy();
      }
    },
  });
}
