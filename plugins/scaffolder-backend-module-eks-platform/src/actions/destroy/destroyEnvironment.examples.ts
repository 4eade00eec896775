import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const destroyEnvironmentExamples: TemplateExample[] = [
  {
    description:
      'Destroy the production environment: refused unless confirmEnvironmentName repeats its name',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'eks-platform:environment:destroy',
          name: 'Destroy the environment',
          input: {
            environment: 'production',
            owner: 'group:default/platform-team',
            account: '333333333333',
            confirmEnvironmentName: 'dpj-prod',
          },
        },
      ],
    }),
  },
  {
    description:
      'Destroy a dev environment created under its own name, with the access entry of its admin',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'eks-platform:environment:destroy',
          name: 'Destroy the environment',
          input: {
            environment: 'dev',
            name: 'payments-dev',
            owner: 'group:default/dpj-developers',
            account: '111111111111',
            confirmEnvironmentName: 'payments-dev',
            adminPrincipalArn:
              'arn:aws:iam::111111111111:role/dpj-platform-team',
          },
        },
      ],
    }),
  },
];
