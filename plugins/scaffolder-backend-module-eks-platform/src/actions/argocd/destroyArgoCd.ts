import { setTimeout as sleep } from 'node:timers/promises';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ENVIRONMENT_NAME_LABEL } from '@internal/plugin-eks-platform-common';
import {
  confirmationInputSchema,
  confirmationProblems,
  type EnvironmentGuard,
} from '../access';
import {
  environmentInputSchema,
  validateEnvironmentInput,
} from '../shared/environmentInput';
import { ArgoCdClient } from './api';
import { destroyArgoCdExamples } from './destroyArgoCd.examples';
import type { ConfiguredArgoCdInstance } from '@internal/plugin-eks-platform-node';
import {
  ARGOCD_MODES,
  type ArgoCdMode,
  argoCdInputSchema,
  selectArgoCdInstance,
} from './argoCdInput';

export const DESTROY_ARGOCD_ACTION_ID = 'eks-platform:argocd:destroy';

const DELETION_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * `eks-platform:argocd:destroy`: the counterpart of register, run before the cluster is
 * deleted. api mode deletes the environment's applications (cascading to what they
 * deployed), its cluster and its project, found by the environment's label; gitops mode
 * has nothing to call and says which folder to remove from the repository.
 */
export function createArgoCdDestroyAction(options: {
  instances: ConfiguredArgoCdInstance[];
  /** Who may destroy which environment, decided before the first ArgoCD call. */
  guard: Pick<EnvironmentGuard, 'admitDestroy'>;
  now?: () => Date;
  fetch?: typeof fetch;
  /** Time between two checks that the applications are gone. */
  pollMs?: number;
}) {
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: DESTROY_ARGOCD_ACTION_ID,
    description:
      'Removes an EKS environment from ArgoCD before the environment is destroyed: in api mode its applications (cascading), cluster and project, found by the label eks-platform/environment-name; in gitops mode it names the folder to remove from the GitOps repository.',
    examples: destroyArgoCdExamples,
    supportsDryRun: true,
    schema: {
      input: {
        ...environmentInputSchema,
        ...confirmationInputSchema,
        mode: argoCdInputSchema.mode,
        argocdInstance: argoCdInputSchema.argocdInstance,
        path: argoCdInputSchema.path,
      },
      output: {
        deleted: z =>
          z
            .array(z.string())
            .describe('What was deleted, e.g. "application dpj-dev-jaeger"'),
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      // As for the AWS resources: an environment on a version out of support must still
      // be destroyable.
      const { kubernetesVersion: _ignored, ...named } = input;
      const spec = validateEnvironmentInput(named, {
        today: now(),
        extraProblems: s => [
          ...confirmationProblems(input, s),
          ...(input.mode === undefined ||
          ARGOCD_MODES.includes(input.mode as ArgoCdMode)
            ? []
            : [
                {
                  path: 'mode',
                  message: `mode must be gitops or api, got ${JSON.stringify(
                    input.mode,
                  )}`,
                },
              ]),
        ],
      });
      // Cascading deletion removes every workload: decided before the first ArgoCD call.
      await options.guard.admitDestroy(ctx, spec);
      const mode: ArgoCdMode = (input.mode as ArgoCdMode) ?? 'gitops';
      if (mode === 'gitops') {
        logger.info(
          `GitOps: remove the folder ${
            input.path ?? `clusters/${spec.name}`
          } from the GitOps repository; ArgoCD then prunes the applications of ${
            spec.name
          }`,
        );
        ctx.output('deleted', []);
        return;
      }
      const instance = selectArgoCdInstance(
        options.instances,
        input.argocdInstance,
        ctx.secrets,
      );
      const client = new ArgoCdClient(instance, { fetch: options.fetch });
      const selector = `${ENVIRONMENT_NAME_LABEL}=${spec.name}`;
      const applications = await client.listApplications(selector);
      const clusters = await client.listClusters(selector);
      const planned = [
        ...applications.map(name => `application ${name}`),
        ...clusters.map(server => `cluster ${server}`),
        `project ${spec.name}`,
      ];
      if (ctx.isDryRun) {
        for (const item of planned) logger.info(`Would delete ${item}`);
        ctx.output('deleted', []);
        return;
      }
      const deleted: string[] = [];
      for (const name of applications) {
        if (await client.deleteApplication(name))
          deleted.push(`application ${name}`);
      }
      // Cascading deletes finish asynchronously, and ArgoCD refuses to delete a project
      // that applications still reference: wait until they are gone.
      const started = Date.now();
      for (;;) {
        const left = await client.listApplications(selector);
        if (left.length === 0) break;
        if (Date.now() - started > DELETION_TIMEOUT_MS) {
          throw new Error(
            `ArgoCD ${instance.name} still has ${left.join(', ')} after ${
              DELETION_TIMEOUT_MS / 1000
            }s; run the task again once they are deleted`,
          );
        }
        logger.info(`Waiting for ArgoCD to finish deleting ${left.join(', ')}`);
        await sleep(options.pollMs ?? 2000, undefined, { signal: ctx.signal });
      }
      for (const server of clusters) {
        if (await client.deleteCluster(server))
          deleted.push(`cluster ${server}`);
      }
      if (await client.deleteProject(spec.name))
        deleted.push(`project ${spec.name}`);
      logger.info(
        `ArgoCD ${instance.name}: ${
          deleted.length
            ? `deleted ${deleted.join(', ')}`
            : `nothing of ${spec.name} was left`
        }`,
      );
      ctx.output('deleted', deleted);
    },
  });
}
