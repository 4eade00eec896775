import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const createClusterExamples: TemplateExample[] = [
  {
    description:
      'Create the production cluster in Paris on the network step’s private subnets: private endpoint only, the platform team as the only admin',
    example: yaml.stringify({
      steps: [
        {
          id: 'cluster',
          action: 'eks-platform:cluster:create',
          name: 'Create the EKS cluster',
          input: {
            environment: 'production',
            owner: 'group:default/platform-team',
            account: '333333333333',
            privateSubnetIds: '${{ steps.network.output.privateSubnetIds }}',
            adminPrincipalArn:
              'arn:aws:iam::333333333333:role/dpj-platform-team',
            argocdRoleArn: 'arn:aws:iam::333333333333:role/argocd-manager',
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a dev cluster whose public endpoint is open to the office range only, and keep what was created if a step fails',
    example: yaml.stringify({
      steps: [
        {
          id: 'cluster',
          action: 'eks-platform:cluster:create',
          name: 'Create the EKS cluster',
          input: {
            environment: 'dev',
            name: 'payments-dev',
            owner: 'group:default/dpj-developers',
            account: '111111111111',
            privateSubnetIds: '${{ steps.network.output.privateSubnetIds }}',
            adminPrincipalArn:
              'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-west-3/AWSReservedSSO_PlatformAdmin_0123456789abcdef',
            argocdRoleArn: 'arn:aws:iam::111111111111:role/argocd-manager',
            endpointPublicAccessCidrs: ['198.51.100.0/24'],
            rollbackOnFailure: false,
          },
        },
      ],
    }),
  },
];
