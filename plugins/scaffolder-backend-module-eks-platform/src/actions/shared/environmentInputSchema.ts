/** The environment fields of every eks-platform action, as schema functions of its input. */
import { TemplateActionOptions } from '@backstage/plugin-scaffolder-node';
import {
  DEFAULT_REGION,
  ENVIRONMENTS,
} from '@internal/plugin-eks-platform-common';

type InputFields = NonNullable<
  NonNullable<TemplateActionOptions['schema']>['input']
>;
/** The zod instance `createTemplateAction` hands to schema functions (`zod/v3`). */
export type Zod = Parameters<InputFields[string]>[0];

/** Schema functions of the environment fields; spread into an action's `schema.input`. */
export const environmentInputSchema = {
  environment: (z: Zod) =>
    z.enum(ENVIRONMENTS).describe('Preset derived from ADR-0007'),
  owner: (z: Zod) =>
    z.string().describe('Owning group, e.g. group:default/platform-team'),
  account: (z: Zod) => z.string().describe('12-digit AWS account id'),
  name: (z: Zod) =>
    z
      .string()
      .optional()
      .describe("Base name of the resources; defaults to the preset's"),
  region: (z: Zod) =>
    z.string().optional().describe(`AWS region, default ${DEFAULT_REGION}`),
  kubernetesVersion: (z: Zod) =>
    z
      .string()
      .optional()
      .describe('Defaults to the newest version in standard support'),
  availabilityZones: (z: Zod) =>
    z
      .array(z.string())
      .optional()
      .describe(
        "Three availability zones of the region; defaults to the region's first three",
      ),
  network: (z: Zod) =>
    z
      .object({
        vpcCidr: z.string(),
        publicSubnetCidrs: z.array(z.string()),
        privateSubnetCidrs: z.array(z.string()),
      })
      .optional()
      .describe(
        "Address plan replacing the preset's: the VPC CIDR and one public and one private subnet per availability zone, in the zones' order",
      ),
  nodeGroupSizes: (z: Zod) =>
    z
      .record(
        z.object({
          minSize: z.number().int().optional(),
          desiredSize: z.number().int().optional(),
          maxSize: z.number().int().optional(),
        }),
      )
      .optional()
      .describe(
        "Sizes replacing the preset's, by node group name (system, app-on-demand, app-spot)",
      ),
};

/** Fields of the provisioning actions beyond the environment's. */
export const provisioningInputSchema = {
  adopt: (z: Zod) =>
    z
      .boolean()
      .optional()
      .describe(
        'Take over an environment of this name that another task created (its resources answer to this task from then on). Refused unless the permission policy grants eks-platform.environment.adopt on it; logged',
      ),
  rollbackOnFailure: (z: Zod) =>
    z
      .boolean()
      .optional()
      .describe(
        "Delete what this task created when a step fails. Defaults to the preset's choice: on for dev, off for production, where a retried task resumes instead",
      ),
};
