/**
 * `eks-platform:environment:destroy`: the action that removes an environment, phase by
 * phase, each phase one step's part of the resource graph through the engine.
 */
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import {
  createClusterClients,
  destroyClusterClients,
} from '../cluster/clusterClients';
import { CLUSTER_WAIT_SETTINGS } from '../cluster/createCluster';
import {
  confirmationInputSchema,
  confirmationProblems,
  type EnvironmentGuard,
} from '../access';
import { errorMessage } from '../shared/awsErrors';
import {
  environmentInputSchema,
  validateEnvironmentInput,
} from '../shared/environmentInput';
import { mergeWaitSettings } from '../shared/mergeWaitSettings';
import { WaitSettings } from '../shared/waiting';
import { destroyEnvironmentExamples } from './destroyEnvironment.examples';
import {
  DestroyedResource,
  DestroyPhase,
  destroyPhases,
} from './destroyPhases';

export const DESTROY_ENVIRONMENT_ACTION_ID = 'eks-platform:environment:destroy';

export interface DestroyEnvironmentActionOptions {
  /** Builds the AWS clients of the environment's account and region. */
  aws: Pick<AwsClientFactory, 'create'>;
  /** Who may destroy which environment, decided before the first AWS call. */
  guard: Pick<EnvironmentGuard, 'admitDestroy'>;
  /** Today, for the Kubernetes versions the spec is validated against. */
  now?: () => Date;
  /** Overrides both the network/node group waits and the (longer) cluster wait. */
  waitSettings?: Partial<WaitSettings>;
}

/** A phase failed: names what was deleted, what failed and which phases did not start. */
export class EnvironmentDestroyError extends Error {
  readonly name = 'EnvironmentDestroyError';
  constructor(message: string, readonly deleted: DestroyedResource[]) {
    super(message);
  }
}

const PHASES: { phase: DestroyPhase; title: string }[] = [
  {
    phase: 'nodegroups',
    title: 'node groups, after-nodes add-ons, launch templates',
  },
  { phase: 'cluster', title: 'cluster (with its add-ons), KMS key, IAM roles' },
  {
    phase: 'network',
    title:
      "the cluster's load balancers, security groups and volumes; flow logs, route tables, NAT gateways, Elastic IPs, internet gateway, subnets, VPC",
  },
];

function seconds(ms: number): string {
  const value = ms / 1000;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)}s`;
}

function summaryOf(
  heading: string,
  rows: (DestroyedResource & { phase: string })[],
): string {
  return [
    heading,
    '',
    '| Phase | Resource | Name | Id |',
    '| --- | --- | --- | --- |',
    ...rows.map(r => `| ${r.phase} | ${r.type} | ${r.name} | ${r.id} |`),
  ].join('\n');
}

/**
 * `eks-platform:environment:destroy`: deletes everything an environment's create actions
 * made, found by its tags, in dependency order: node groups (after-nodes add-ons first,
 * launch templates last), then the cluster, its KMS key and IAM roles, then what the
 * cluster made in the network (load balancers, security groups, volumes) and the network.
 * Each phase walks its step's graph in reverse through the engine, without a task id:
 * everything of the environment. Safe to re-run: each phase starts from what exists. Production is
 * refused unless `confirmEnvironmentName` names it, and so is any environment whose
 * resources carry the production preset tag. Dry run: read-only, lists what would go.
 */
export function createEnvironmentDestroyAction(
  options: DestroyEnvironmentActionOptions,
) {
  const now = options.now ?? (() => new Date());
  const waitSettings = mergeWaitSettings(options.waitSettings);
  const clusterWaitSettings = mergeWaitSettings(
    options.waitSettings,
    CLUSTER_WAIT_SETTINGS,
  );
  return createTemplateAction({
    id: DESTROY_ENVIRONMENT_ACTION_ID,
    description:
      "Deletes everything an EKS environment's create actions made, found by the environment's tags, in dependency order: after-nodes add-ons, node groups and launch templates; the cluster (with its add-ons and access entries), the secrets KMS key (alias deleted, key scheduled for deletion in 7 days) and the IAM roles; then what the cluster's controllers made (load balancers and target groups tagged elbv2.k8s.aws/cluster, waiting for their network interfaces to go, k8s-* security groups, EBS volumes tagged kubernetes.io/cluster/<cluster>), flow logs, route tables, NAT gateways, Elastic IPs, the internet gateway, subnets and the VPC. Safe to re-run. Refused unless confirmEnvironmentName repeats the name and the permission policy grants eks-platform.environment.delete on the environment as tagged (its preset and owner). Dry run lists what it would delete.",
    examples: destroyEnvironmentExamples,
    supportsDryRun: true,
    schema: {
      input: {
        ...environmentInputSchema,
        ...confirmationInputSchema,
      },
      output: {
        deleted: z =>
          z
            .array(
              z.object({ type: z.string(), name: z.string(), id: z.string() }),
            )
            .describe(
              'What was deleted, in order; in a dry run, what would be deleted',
            ),
        summary: z => z.string().describe('The resources as Markdown'),
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      // The Kubernetes version does not name anything: an environment on a version out
      // of support must still be destroyable, so it is not validated here.
      const { kubernetesVersion: _ignored, ...named } = input;
      const spec = validateEnvironmentInput(named, {
        today: now(),
        extraProblems: s => confirmationProblems(input, s),
      });
      await options.guard.admitDestroy(ctx, spec);
      const clients = await createClusterClients(options.aws, {
        accountId: spec.account,
        region: spec.region,
      });
      try {
        const phases = destroyPhases(clients, spec, logger, {
          waitSettings,
          clusterWaitSettings,
        });
        const planned: (DestroyedResource & { phase: string })[] = [];
        for (const { phase } of PHASES) {
          for (const row of await phases[phase].list()) {
            planned.push({ ...row, phase });
          }
        }

        if (ctx.isDryRun) {
          for (const row of planned) {
            logger.info(`Would delete ${row.type} ${row.name} (${row.id})`);
          }
          ctx.output(
            'deleted',
            planned.map(({ type, name, id }) => ({ type, name, id })),
          );
          ctx.output(
            'summary',
            summaryOf(
              planned.length
                ? `Would delete ${planned.length} resource(s) of ${spec.name} in ${spec.account}/${spec.region}`
                : `Nothing of ${spec.name} exists in ${spec.account}/${spec.region}`,
              planned,
            ),
          );
          return;
        }

        logger.info(
          `Destroying ${spec.name} (${input.environment}) in ${spec.account}/${spec.region}: ${planned.length} resource(s) found by the tag eks-platform:environment-name=${spec.name}`,
        );
        const started = Date.now();
        const deleted: (DestroyedResource & { phase: string })[] = [];
        for (const [index, { phase, title }] of PHASES.entries()) {
          const phaseStarted = Date.now();
          logger.info(`Phase ${index + 1}/${PHASES.length} ${phase}: ${title}`);
          let result: DestroyedResource[];
          try {
            // A resumed task skips the phases an earlier run finished, and still reports
            // what they deleted.
            result = await ctx.checkpoint({
              key: `destroy.${spec.account}/${spec.region}/${spec.name}.${phase}`,
              fn: phases[phase].delete,
            });
          } catch (error) {
            const later = PHASES.slice(index + 1).map(p => p.phase);
            throw new EnvironmentDestroyError(
              `Destroying ${spec.name} stopped in phase ${index + 1}/${
                PHASES.length
              } (${phase}) after ${seconds(
                Date.now() - started,
              )}: ${errorMessage(error)}${
                later.length
                  ? `\nNot started, since they depend on it: ${later.join(
                      ', ',
                    )}.`
                  : ''
              }\nDeleted so far: ${
                deleted.map(d => `${d.type} ${d.name}`).join(', ') || 'nothing'
              }. Run the task again to continue: it starts from what exists.`,
              deleted,
            );
          }
          deleted.push(...result.map(r => ({ ...r, phase })));
          logger.info(
            `Phase ${index + 1}/${PHASES.length} ${phase} done: ${
              result.length
            } resource(s) deleted in ${seconds(
              Date.now() - phaseStarted,
            )} (${seconds(Date.now() - started)} elapsed)`,
          );
        }
        ctx.output(
          'deleted',
          deleted.map(({ type, name, id }) => ({ type, name, id })),
        );
        ctx.output(
          'summary',
          summaryOf(
            deleted.length
              ? `Deleted ${deleted.length} resource(s) of ${spec.name} in ${spec.account}/${spec.region} (a KMS key stays pending deletion for 7 days)`
              : `Nothing of ${spec.name} was left to delete in ${spec.account}/${spec.region}`,
            deleted,
          ),
        );
        logger.info(
          `Destroyed ${spec.name}: ${
            deleted.length
          } resource(s) deleted in ${seconds(Date.now() - started)}`,
        );
      } finally {
        destroyClusterClients(clients);
      }
    },
  });
}
