import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { EnvironmentGuard } from '../access';
import {
  environmentInputSchema,
  provisioningInputSchema,
  validateEnvironmentInput,
} from '../shared/environmentInput';
import { ArgoCdClient, type UpsertOutcome } from './api';
import type { ConfiguredArgoCdInstance } from '@internal/plugin-eks-platform-node';
import { argoCdEnvironmentOf } from './argoCdEnvironment';
import {
  argoCdInputProblems,
  argoCdInputSchema,
  type ArgoCdMode,
  selectArgoCdInstance,
} from './argoCdInput';
import { registerArgoCdExamples } from './registerArgoCd.examples';
import { NAMESPACE_POLICIES } from './manifests/namespacePolicies';
import {
  COMPONENT_LABEL,
  renderArgoCdManifests,
} from './manifests/renderManifests';

export const REGISTER_ARGOCD_ACTION_ID = 'eks-platform:argocd:register';

export interface RegisterArgoCdActionOptions {
  instances: ConfiguredArgoCdInstance[];
  /** Who may create which environment, decided before the first ArgoCD call. */
  guard: Pick<EnvironmentGuard, 'admitCreate'>;
  now?: () => Date;
  fetch?: typeof fetch;
}

/**
 * `eks-platform:argocd:register`: the environment's AppProject, cluster and one
 * Application per platform component, either written into the workspace as an
 * app-of-apps layout (gitops, the default) or created through the ArgoCD API (api).
 */
export function createArgoCdRegisterAction(
  options: RegisterArgoCdActionOptions,
) {
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: REGISTER_ARGOCD_ACTION_ID,
    description:
      "Registers an EKS environment with ArgoCD: an AppProject limited to the environment's cluster and namespaces, the cluster (EKS authentication through an IAM role, no static token) and one Application per platform component with pinned chart versions and per-environment values. gitops mode writes an app-of-apps layout into the workspace; api mode upserts the same objects through the ArgoCD API.",
    examples: registerArgoCdExamples,
    supportsDryRun: true,
    schema: {
      input: {
        ...environmentInputSchema,
        ...argoCdInputSchema,
        adopt: provisioningInputSchema.adopt,
      },
      output: {
        mode: z => z.enum(['gitops', 'api']),
        project: z => z.string().describe('The AppProject name'),
        files: z =>
          z
            .array(z.string())
            .describe('gitops: files written, relative to the workspace'),
        applications: z =>
          z
            .array(
              z.object({
                name: z.string(),
                url: z.string().optional(),
                outcome: z.string().optional(),
              }),
            )
            .describe(
              'Each application, with its ArgoCD UI URL and what happened in api mode',
            ),
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      const mode: ArgoCdMode = (input.mode as ArgoCdMode) ?? 'gitops';
      const spec = validateEnvironmentInput(input, {
        today: now(),
        extraBooleans: ['adopt'],
        extraProblems: () => argoCdInputProblems(input, { needsCluster: true }),
      });
      await options.guard.admitCreate(ctx, spec, { adopt: input.adopt });
      const rendered = renderArgoCdManifests(argoCdEnvironmentOf(spec, input));
      const project = rendered.project.metadata.name as string;
      const appNames = rendered.applications.map(
        a => a.metadata.name as string,
      );
      ctx.output('mode', mode);
      ctx.output('project', project);

      if (mode === 'gitops') {
        const files = rendered.files.map(f => f.path);
        if (ctx.isDryRun) {
          for (const file of files) logger.info(`Would write ${file}`);
        } else {
          for (const file of rendered.files) {
            const target = resolveSafeChildPath(ctx.workspacePath, file.path);
            await mkdir(dirname(target), { recursive: true });
            await writeFile(target, file.content, 'utf8');
            logger.info(`Wrote ${file.path}`);
          }
          logger.info(
            `${files.length} ArgoCD manifests of ${spec.name} are in the workspace: publish them to ${input.repoUrl} (the root application ${rendered.root.metadata.name} syncs the rest)`,
          );
        }
        ctx.output('files', files);
        ctx.output(
          'applications',
          appNames.map(name => ({ name })),
        );
        return;
      }

      const instance = selectArgoCdInstance(
        options.instances,
        input.argocdInstance,
        ctx.secrets,
      );
      const client = new ArgoCdClient(instance, { fetch: options.fetch });
      if (ctx.isDryRun) {
        logger.info(
          `Would upsert the project ${project}, the cluster ${
            rendered.cluster.name
          } and ${appNames.length} application(s) in ArgoCD ${
            instance.name
          }: ${appNames.join(', ')}`,
        );
        ctx.output('files', []);
        ctx.output(
          'applications',
          appNames.map(name => ({ name, url: client.applicationUrl(name) })),
        );
        return;
      }
      const outcome = (what: string, result: UpsertOutcome) =>
        logger.info(`ArgoCD ${instance.name}: ${what} ${result}`);
      outcome(
        `project ${project}`,
        await client.upsertProject(rendered.project),
      );
      outcome(
        `cluster ${rendered.cluster.name}`,
        await client.upsertCluster(rendered.cluster),
      );
      const applications: { name: string; url: string; outcome: string }[] = [];
      for (const app of rendered.applications) {
        const name = app.metadata.name as string;
        const result = await client.upsertApplication(app);
        outcome(`application ${name}`, result);
        applications.push({
          name,
          url: client.applicationUrl(name),
          outcome: result,
        });
      }
      // The namespace policies are files in Git, which api mode does not write.
      const policies = rendered.applications.find(
        app => app.metadata.labels[COMPONENT_LABEL] === NAMESPACE_POLICIES,
      );
      if (policies) {
        logger.warn(
          `ArgoCD ${instance.name}: ${policies.metadata.name} syncs the default-deny NetworkPolicies from ${policies.spec.source.path} of ${input.repoUrl}, which api mode does not write: commit them there (gitops mode renders them) or the application reports the path missing`,
        );
      }
      ctx.output('files', []);
      ctx.output('applications', applications);
    },
  });
}
