/**
 * `eks-platform:environment:check`: a template's first step. Everything the later steps
 * will be given is validated here, and the server decides here whether the caller may
 * create or destroy this environment, before the first step that calls AWS or ArgoCD:
 * a bad field of the last step never costs a half-built environment, and a refused user
 * is told so before anything is touched. Each later action checks again for itself.
 */
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  clusterName,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import {
  ADOPT_FIELD,
  confirmationProblems,
  CONFIRM_FIELD,
  type EnvironmentGuard,
} from '../access';
import type { ConfiguredArgoCdInstance } from '@internal/plugin-eks-platform-node';
import {
  argoCdInputProblems,
  argoCdInputSchema,
  selectArgoCdInstance,
} from '../argocd/argoCdInput';
import {
  AdminPrincipalPolicy,
  clusterFormProblems,
} from '../cluster/clusterInput';
import { readFlowLogDestination } from '../network/flowLogDestination';
import {
  environmentInputSchema,
  InputProblem,
  provisioningInputSchema,
  validateEnvironmentInput,
} from '../shared/environmentInput';
import { checkEnvironmentExamples } from './checkEnvironment.examples';

export const CHECK_ENVIRONMENT_ACTION_ID = 'eks-platform:environment:check';

export interface CheckEnvironmentActionOptions extends AdminPrincipalPolicy {
  guard: Pick<EnvironmentGuard, 'admitCreate' | 'admitDestroy'>;
  instances: ConfiguredArgoCdInstance[];
  now?: () => Date;
}

type Operation = 'create' | 'destroy';

/** The create template's fields, checked as the network, cluster and ArgoCD steps will. */
function createProblems(
  input: Record<string, unknown>,
  spec: EnvironmentSpec,
  today: Date,
  options: CheckEnvironmentActionOptions,
): InputProblem[] {
  const problems = [
    ...readFlowLogDestination(input, spec).problems,
    ...clusterFormProblems(input, spec, today, options),
  ];
  if (input.repoUrl !== undefined || input.mode !== undefined) {
    problems.push(
      ...argoCdInputProblems(
        { ...input, clusterName: clusterName(spec) },
        { needsCluster: false },
      ),
    );
  }
  return problems;
}

export function createEnvironmentCheckAction(
  options: CheckEnvironmentActionOptions,
) {
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: CHECK_ENVIRONMENT_ACTION_ID,
    description:
      "Checks, before a template creates or destroys anything, every field its later steps take (the environment, flow logs, the cluster administrator role and public endpoint, ArgoCD; or the destroy confirmation), that the permission policy lets the caller create or destroy this environment for this owner, that no other task created it (unless adopt is set and allowed), and takes the environment's lease so no other task changes it meanwhile. Calls AWS read-only.",
    examples: checkEnvironmentExamples,
    supportsDryRun: true,
    schema: {
      input: {
        operation: z =>
          z
            .enum(['create', 'destroy'])
            .describe('What the template is about to do'),
        ...environmentInputSchema,
        [ADOPT_FIELD]: provisioningInputSchema.adopt,
        flowLogDestinationArn: z => z.string().optional(),
        flowLogDeliveryRoleArn: z => z.string().optional(),
        adminPrincipalArn: z => z.string().optional(),
        endpointPublicAccessCidrs: z => z.array(z.string()).optional(),
        mode: argoCdInputSchema.mode,
        argocdInstance: argoCdInputSchema.argocdInstance,
        argocdRoleArn: z => z.string().optional(),
        repoUrl: z => z.string().optional(),
        [CONFIRM_FIELD]: z => z.string().optional(),
      },
      output: {
        environment: z =>
          z.string().describe('account/region/name of the environment'),
      },
    },
    async handler(ctx) {
      const { input, logger } = ctx;
      const today = now();
      const operation: Operation = input.operation;
      const fields = input as unknown as Record<string, unknown>;
      // As in the destroy actions: an environment on a version out of support must still
      // be destroyable.
      const { kubernetesVersion: _ignored, ...named } = input;
      const spec = validateEnvironmentInput(
        operation === 'destroy' ? named : input,
        {
          today,
          extraBooleans: [ADOPT_FIELD],
          extraProblems: s =>
            operation === 'destroy'
              ? confirmationProblems(input, s)
              : createProblems(fields, s, today, options),
        },
      );
      if (operation === 'create' && input.mode === 'api') {
        selectArgoCdInstance(
          options.instances,
          input.argocdInstance,
          ctx.secrets,
        );
      }
      if (operation === 'destroy') {
        await options.guard.admitDestroy(ctx, spec);
      } else {
        await options.guard.admitCreate(ctx, spec, { adopt: input.adopt });
      }
      const environment = `${spec.account}/${spec.region}/${spec.name}`;
      logger.info(
        `${ctx.user?.ref ?? 'The initiator'} may ${operation} the ${
          spec.environment
        } environment ${environment} owned by ${
          spec.owner
        }; every field of the template is valid`,
      );
      ctx.output('environment', environment);
    },
  });
}
