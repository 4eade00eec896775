import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const checkEnvironmentExamples: TemplateExample[] = [
  {
    description:
      'Before creating a dev environment: every field of the later steps, the permission and the lease',
    example: yaml.stringify({
      steps: [
        {
          id: 'check',
          action: 'eks-platform:environment:check',
          name: 'Check the request',
          input: {
            operation: 'create',
            environment: 'dev',
            name: 'payments-dev',
            owner: 'group:default/platform-team',
            account: '111111111111',
            flowLogDestinationArn: 'arn:aws:s3:::dpj-vpc-flow-logs',
            adminPrincipalArn:
              'arn:aws:iam::111111111111:role/dpj-platform-team',
            mode: 'gitops',
            argocdRoleArn: 'arn:aws:iam::111111111111:role/argocd-manager',
            repoUrl: 'https://github.com/dpj/gitops.git',
          },
        },
      ],
    }),
  },
  {
    description:
      'Before destroying an environment: the typed confirmation and the permission on the environment as tagged',
    example: yaml.stringify({
      steps: [
        {
          id: 'check',
          action: 'eks-platform:environment:check',
          name: 'Check the request',
          input: {
            operation: 'destroy',
            environment: 'dev',
            name: 'payments-dev',
            owner: 'group:default/platform-team',
            account: '111111111111',
            confirmEnvironmentName: 'payments-dev',
          },
        },
      ],
    }),
  },
];
