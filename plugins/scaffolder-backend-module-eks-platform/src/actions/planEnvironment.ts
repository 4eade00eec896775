import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  clusterName,
  computeSubnetIpCapacity,
  planEnvironment,
} from '@internal/plugin-eks-platform-common';
import { planEnvironmentExamples } from './planEnvironment.examples';
import {
  environmentInputSchema,
  validateEnvironmentInput,
} from './shared/environmentInput';

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
      input: environmentInputSchema,
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
      const spec = validateEnvironmentInput(ctx.input, { today: now() });
      const { region } = spec;

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
