import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const planEnvironmentExamples: TemplateExample[] = [
  {
    description:
      'Plan the production preset in Paris with the newest supported Kubernetes',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'eks-platform:environment:plan',
          name: 'Validate and plan',
          input: {
            environment: 'production',
            owner: 'group:default/platform-team',
            account: '333333333333',
          },
        },
      ],
    }),
  },
  {
    description:
      'Plan a dev environment with its own name, region and Kubernetes version',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'eks-platform:environment:plan',
          name: 'Validate and plan',
          input: {
            environment: 'dev',
            name: 'payments-dev',
            owner: 'group:default/dpj-developers',
            account: '111111111111',
            region: 'eu-central-1',
            kubernetesVersion: '1.35',
          },
        },
      ],
    }),
  },
];
