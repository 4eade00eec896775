/**
 * `eks-platform:cluster:upgrade`: one minor Kubernetes version up, in EKS's order — the
 * control plane, then the add-ons (networking first) to the target's default versions,
 * then the node groups' rolling updates — after read-only pre-checks (`upgradeChecks.ts`).
 * Each change is a checkpoint holding EKS's update id, so a task resumed after a crash
 * waits for the update it started and goes on from there.
 */
import { createHash } from 'node:crypto';
import {
  EKSClient,
  UpdateAddonCommand,
  UpdateClusterVersionCommand,
  UpdateNodegroupVersionCommand,
} from '@aws-sdk/client-eks';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { clusterName as clusterNameOf } from '@internal/plugin-eks-platform-common';
import type {
  AwsClientFactory,
  ConfiguredArgoCdInstance,
} from '@internal/plugin-eks-platform-node';
import { ArgoCdClient } from '../argocd/api';
import {
  argoCdFolderProblems,
  argoCdInputSchema,
  type ArgoCdMode,
  selectArgoCdInstance,
} from '../argocd/argoCdInput';
import type { EnvironmentGuard } from '../access';
import { waitForUpdate } from '../shared/eksUpdates';
import {
  environmentTargetSchema,
  validateEnvironmentTarget,
} from '../shared/environmentInput';
import { mergeWaitSettings } from '../shared/mergeWaitSettings';
import { WaitSettings } from '../shared/waiting';
import { CLUSTER_WAIT_SETTINGS } from '../cluster/createCluster';
import { checkUpgrade, NETWORKING_ADDONS } from './upgradeChecks';
import { applyChartRepins, planChartRepins } from './chartRepins';
import {
  DEFAULT_ERROR_BUDGET_FLOOR_PERCENT,
  ErrorBudgetSource,
  checkErrorBudget,
} from './errorBudget';

export const UPGRADE_CLUSTER_ACTION_ID = 'eks-platform:cluster:upgrade';

export interface UpgradeClusterActionOptions {
  aws: Pick<AwsClientFactory, 'create'>;
  guard: Pick<EnvironmentGuard, 'admitChange'>;
  /** The SLO error budget a production upgrade must not start below. */
  errorBudget: ErrorBudgetSource;
  /** Percent of the 30-day budget a production upgrade needs left; 25 by default. */
  errorBudgetFloorPercent?: number;
  /** Where api mode updates the charts' Kubernetes-dependent values. */
  instances: ConfiguredArgoCdInstance[];
  now?: () => Date;
  waitSettings?: Partial<WaitSettings>;
  fetch?: typeof fetch;
}

const VERSION = /^1\.\d{1,3}$/;

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10}s`;
}

/** What failed, what is done, and how to go on: the same template again resumes. */
function rollFailureMessage(
  clusterName: string,
  target: string,
  plan: { nodegroups: { name: string }[] },
  failed: { name: string; reason: unknown }[],
): string {
  const names = failed.map(f => f.name);
  const rolled = plan.nodegroups
    .map(g => g.name)
    .filter(name => !names.includes(name));
  const reasons = failed.map(f => (f.reason as Error)?.message ?? f.reason);
  const eviction = reasons.some(r => String(r).includes('PodEvictionFailure'))
    ? ' PodEvictionFailure means a PodDisruptionBudget let no pod leave its node for 15 minutes (kubectl get pdb --all-namespaces): give it room, for example more replicas or maxUnavailable: 1.'
    : '';
  return `The upgrade of ${clusterName} to ${target} stopped at the node groups: ${reasons.join(
    ' | ',
  )}. The control plane and add-ons run ${target}${
    rolled.length > 0 ? `, and so do the node groups ${rolled.join(', ')}` : ''
  }; ${names.join(', ')} still run${
    names.length === 1 ? 's' : ''
  } the version before, and the charts that follow Kubernetes were left as they were.${eviction} Then run this template again: it resumes with the node groups.`;
}

export function createUpgradeClusterAction(
  options: UpgradeClusterActionOptions,
) {
  const now = options.now ?? (() => new Date());
  const waitSettings = mergeWaitSettings(
    options.waitSettings,
    CLUSTER_WAIT_SETTINGS,
  );
  // EKS replaces a node group's nodes a few at a time: hours for a large group.
  const rollSettings = mergeWaitSettings(options.waitSettings, {
    ...CLUSTER_WAIT_SETTINGS,
    maxWaitTimeSeconds: 4 * 3600,
  });
  return createTemplateAction({
    id: UPGRADE_CLUSTER_ACTION_ID,
    description:
      "Upgrades an EKS environment one minor Kubernetes version: the control plane (UpdateClusterVersion), then every add-on to the target's default version (networking first, UpdateAddon), then each node group (UpdateNodegroupVersion, EKS's rolling update), each waited for with DescribeUpdate, then the platform charts' values that follow the Kubernetes version (the Cluster Autoscaler's image): updated through the ArgoCD API in api mode, named as the commit to make in gitops mode. Before any change, read-only: the target is the next minor version and in standard support (DescribeClusterVersions); EKS upgrade insights for it (an ERROR refuses with its description and recommendation, a WARNING needs acknowledgeWarnings); every add-on has a version for the target; every chart value that follows Kubernetes has one for it; nothing is already updating; for production, the SLO's 30-day error budget is above eksPlatform.upgrade.productionErrorBudgetFloorPercent (25% by default); and the permission policy's eks-platform.environment.create (create or change) on the environment as tagged. Resumable at every step. Dry run: the checks and the plan, no change.",
    supportsDryRun: true,
    schema: {
      input: {
        ...environmentTargetSchema,
        targetVersion: z =>
          z.string().describe('The next minor Kubernetes version, e.g. 1.36'),
        acknowledgeWarnings: z =>
          z
            .boolean()
            .optional()
            .describe('Go ahead despite WARNING upgrade insights'),
        mode: argoCdInputSchema.mode,
        argocdInstance: argoCdInputSchema.argocdInstance,
        path: argoCdInputSchema.path,
      },
      output: {
        version: z => z.string().describe('The version the cluster runs'),
        steps: z => z.array(z.string()).describe('What was changed, in order'),
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      if (!VERSION.test(input.targetVersion)) {
        throw new InputError(
          `Invalid field "targetVersion": expected a Kubernetes minor version such as 1.36, got '${input.targetVersion}'`,
        );
      }
      const spec = validateEnvironmentTarget(input, now(), () =>
        argoCdFolderProblems(input),
      );
      const mode: ArgoCdMode = input.mode ?? 'gitops';
      await options.guard.admitChange(ctx, spec);
      const eks = await options.aws.create(EKSClient, {
        accountId: spec.account,
        region: spec.region,
      });
      try {
        const clusterName = clusterNameOf(spec);
        const target = input.targetVersion;
        const argocd =
          mode === 'api'
            ? new ArgoCdClient(
                selectArgoCdInstance(
                  options.instances,
                  input.argocdInstance,
                  ctx.secrets,
                ),
                { fetch: options.fetch },
              )
            : undefined;
        const [check, charts] = await Promise.all([
          checkUpgrade(eks, clusterName, target),
          planChartRepins(spec, target, argocd),
        ]);
        if (check.targetIsNext) {
          check.checks.push(...charts.checks);
          check.blocking.push(...charts.blocking);
        }
        for (const line of check.checks) logger.info(`Pre-check: ${line}`);
        // Only before the first change: a resumed upgrade finishes what it started.
        if (spec.environment === 'production' && check.plan.controlPlane) {
          const budget = await checkErrorBudget({
            source: options.errorBudget,
            floorPercent:
              options.errorBudgetFloorPercent ??
              DEFAULT_ERROR_BUDGET_FLOOR_PERCENT,
            clusterName,
            credentials: await ctx.getInitiatorCredentials(),
          });
          logger.info(`Pre-check: ${budget.text}`);
          if (budget.blocks) check.blocking.push(budget.text);
        }
        if (check.warnings.length > 0 && !input.acknowledgeWarnings) {
          check.blocking.push(
            `${
              check.warnings.length
            } upgrade insight warning(s) to acknowledge (acknowledgeWarnings): ${check.warnings.join(
              ' | ',
            )}`,
          );
        }
        if (check.blocking.length > 0) {
          throw new InputError(
            `Cannot upgrade ${clusterName} from ${
              check.plan.current
            } to ${target}: ${check.blocking.join(' | ')}`,
          );
        }
        const { plan } = check;
        const steps = [
          ...(plan.controlPlane
            ? [`control plane ${plan.current} → ${target}`]
            : []),
          ...plan.addons.map(a => `add-on ${a.name} ${a.from} → ${a.to}`),
          ...plan.nodegroups.map(
            g => `node group ${g.name} ${g.from} → ${target}`,
          ),
          ...charts.repins.map(
            r =>
              `chart values ${r.application} ${r.valuePath.join('.')} → ${
                r.to
              }`,
          ),
        ];
        logger.info(
          `Upgrade plan of ${clusterName}: ${
            steps.join(', ') || 'nothing left to do'
          }`,
        );
        if (ctx.isDryRun) {
          ctx.output('version', plan.current);
          ctx.output('steps', []);
          return;
        }
        const token = (key: string) =>
          createHash('sha256')
            .update(`${ctx.task.id}:${key}`)
            .digest('hex')
            .slice(0, 32);
        const started = Date.now();
        const run = async (
          key: string,
          what: string,
          start: () => Promise<string | undefined>,
          subject: { nodegroupName?: string; addonName?: string },
          settings: WaitSettings = waitSettings,
        ) => {
          const updateId = await ctx.checkpoint({
            key,
            fn: async () => (await start()) ?? '',
          });
          logger.info(`Started ${what} (update ${updateId})`);
          await waitForUpdate(eks, {
            clusterName,
            ...subject,
            updateId,
            what: `${what} (update ${updateId})`,
            logger,
            settings,
          });
          logger.info(
            `Done: ${what}, ${seconds(Date.now() - started)} into the upgrade`,
          );
        };
        if (plan.controlPlane) {
          await run(
            `upgrade:${target}:control-plane`,
            `the control plane's upgrade to ${target}`,
            async () =>
              (
                await eks.send(
                  new UpdateClusterVersionCommand({
                    name: clusterName,
                    version: target,
                    clientRequestToken: token(`${target}:control-plane`),
                  }),
                )
              ).update?.id,
            {},
          );
        }
        // Networking add-ons first, then the others; within a batch, and across node
        // groups, the updates run side by side (EKS keeps each group's maxUnavailable).
        // Each start carries a client request token, so a checkpoint lost to a parallel
        // save starts nothing twice.
        const updateAddon = (addon: (typeof plan.addons)[number]) =>
          run(
            `upgrade:${target}:addon:${addon.name}`,
            `add-on ${addon.name}'s update to ${addon.to}`,
            async () =>
              (
                await eks.send(
                  new UpdateAddonCommand({
                    clusterName,
                    addonName: addon.name,
                    addonVersion: addon.to,
                    // Keep what the cluster's operators changed; EKS says so on a conflict.
                    resolveConflicts: 'PRESERVE',
                    clientRequestToken: token(`${target}:addon:${addon.name}`),
                  }),
                )
              ).update?.id,
            { addonName: addon.name },
          );
        for (const batch of [
          plan.addons.filter(a => NETWORKING_ADDONS.includes(a.name)),
          plan.addons.filter(a => !NETWORKING_ADDONS.includes(a.name)),
        ]) {
          await Promise.all(batch.map(updateAddon));
        }
        // Side by side, each to its end: one group's failure leaves the others' rolls
        // to finish, and nothing after them (the charts) starts.
        const rolls = await Promise.allSettled(
          plan.nodegroups.map(group =>
            run(
              `upgrade:${target}:nodegroup:${group.name}`,
              `node group ${group.name}'s rolling update to ${target}`,
              async () =>
                (
                  await eks.send(
                    new UpdateNodegroupVersionCommand({
                      clusterName,
                      nodegroupName: group.name,
                      version: target,
                      clientRequestToken: token(
                        `${target}:nodegroup:${group.name}`,
                      ),
                    }),
                  )
                ).update?.id,
              { nodegroupName: group.name },
              rollSettings,
            ),
          ),
        );
        const failed = rolls.flatMap((roll, index) =>
          roll.status === 'rejected'
            ? [{ name: plan.nodegroups[index].name, reason: roll.reason }]
            : [],
        );
        if (failed.length > 0) {
          throw new Error(
            rollFailureMessage(clusterName, target, plan, failed),
          );
        }
        // Once every node runs the target, so the autoscaler never leads the kubelets.
        await ctx.checkpoint({
          key: `upgrade:${target}:charts`,
          fn: () =>
            applyChartRepins({
              spec,
              repins: charts.repins,
              client: argocd,
              folder: input.path ?? `clusters/${spec.name}`,
              logger,
            }),
        });
        logger.info(
          `${clusterName} runs Kubernetes ${target}: ${
            steps.length
          } step(s) in ${seconds(Date.now() - started)}`,
        );
        ctx.output('version', target);
        ctx.output('steps', steps);
      } finally {
        eks.destroy();
      }
    },
  });
}
