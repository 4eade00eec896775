import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const destroyArgoCdExamples: TemplateExample[] = [
  {
    description:
      'Delete the applications, cluster and project of a dev environment from the configured ArgoCD instance, before destroying the environment',
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd',
          action: 'eks-platform:argocd:destroy',
          name: 'Remove the environment from ArgoCD',
          input: {
            environment: 'dev',
            name: 'payments-dev',
            owner: 'group:default/platform-team',
            account: '111111111111',
            confirmEnvironmentName: 'payments-dev',
            mode: 'api',
          },
        },
      ],
    }),
  },
];
