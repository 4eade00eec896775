import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  availabilityZonesOf,
  computeSubnetIpCapacity,
  DEFAULT_REGION,
  ENVIRONMENTS,
  formatProblems,
  kubernetesVersionsSupportedOn,
  planEnvironment,
  presetFor,
  validateEnvironmentSpec,
  clusterName,
} from '@internal/plugin-eks-platform-common';
import { planEnvironmentExamples } from './planEnvironment.examples';

/**
 * `eks-platform:environment:plan`: builds an environment from a preset and the form's
 * choices, validates all of it and lists the resources it would create. It makes no AWS
 * call; Kubernetes versions are checked against the committed EKS support calendar.
 */
export function createPlanEnvironmentAction(
  options: { now?: () => Date } = {},
) {
  const now = options.now ?? (() => new Date());
  return createTemplateAction({
    id: 'eks-platform:environment:plan',
    description:
      'Validates an EKS environment built from a dev, staging or production preset and lists every AWS resource it would create. Creates nothing.',
    examples: planEnvironmentExamples,
    supportsDryRun: true,
    schema: {
      input: {
        environment: z =>
          z.enum(ENVIRONMENTS).describe('Preset derived from ADR-0007'),
        owner: z =>
          z.string().describe('Owning group, e.g. group:default/platform-team'),
        account: z => z.string().describe('12-digit AWS account id'),
        name: z =>
          z
            .string()
            .optional()
            .describe("Base name of the resources; defaults to the preset's"),
        region: z =>
          z
            .string()
            .optional()
            .describe(`AWS region, default ${DEFAULT_REGION}`),
        kubernetesVersion: z =>
          z
            .string()
            .optional()
            .describe('Defaults to the newest version in standard support'),
      },
      output: {
        clusterName: z => z.string(),
        spec: z => z.record(z.unknown()),
        resources: z =>
          z.array(
            z.object({
              type: z.string(),
              name: z.string(),
              detail: z.string(),
            }),
          ),
        summary: z => z.string().describe('The plan as Markdown'),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const today = now();
      const supported = kubernetesVersionsSupportedOn(today);
      const region = input.region || DEFAULT_REGION;
      const spec = presetFor(input.environment, {
        owner: input.owner,
        account: input.account,
        region,
        availabilityZones: availabilityZonesOf(region).slice(0, 3),
        ...(input.name ? { name: input.name } : {}),
        kubernetesVersion:
          input.kubernetesVersion || supported[supported.length - 1],
      });

      const problems = validateEnvironmentSpec(spec, {
        supportedKubernetesVersions: supported,
      });
      if (problems.length > 0) {
        throw new InputError(
          `The ${input.environment} environment is not valid:\n${formatProblems(
            problems,
          )}`,
        );
      }

      const resources = planEnvironment(spec);
      const capacity = computeSubnetIpCapacity(spec);
      ctx.logger.info(
        `Planned ${resources.length} resources for ${clusterName(
          spec,
        )} in ${region}`,
      );
      for (const zone of capacity.availabilityZones) {
        ctx.logger.info(
          `${zone.availabilityZone}: private subnet ${zone.subnetCidr} has ${zone.usableAddresses} usable addresses for up to ${zone.requiredAddresses} needed`,
        );
      }

      ctx.output('clusterName', clusterName(spec));
      ctx.output('spec', JSON.parse(JSON.stringify(spec)));
      ctx.output('resources', resources);
      ctx.output(
        'summary',
        [
          `| Resource | Name | Detail |`,
          `| --- | --- | --- |`,
          ...resources.map(r => `| ${r.type} | ${r.name} | ${r.detail} |`),
        ].join('\n'),
      );
    },
  });
}
