/** JSON schemas of the three fields' values, shown by the template editor's field explorer. */
import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';

export const EksRegionZonesPickerSchema = makeFieldSchema({
  output: z =>
    z.object({
      region: z.string().describe('AWS region code, e.g. eu-west-3 (Paris)'),
      availabilityZones: z
        .array(z.string())
        .describe('Exactly three availability zones of the region'),
    }),
});

export const EksSubnetLayoutPickerSchema = makeFieldSchema({
  output: z =>
    z.object({
      vpcCidr: z.string().describe('VPC CIDR block, /16 to /28'),
      publicSubnetCidrs: z
        .array(z.string())
        .describe('One public subnet per availability zone, in their order'),
      privateSubnetCidrs: z
        .array(z.string())
        .describe('One private subnet per availability zone, in their order'),
    }),
});

export const EksKubernetesVersionPickerSchema = makeFieldSchema({
  output: z => z.string().describe('EKS Kubernetes version, major.minor'),
});
