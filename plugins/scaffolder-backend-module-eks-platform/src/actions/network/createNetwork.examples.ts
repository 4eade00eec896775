import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const createNetworkExamples: TemplateExample[] = [
  {
    description:
      'Create the production network in Paris: three NAT gateways, flow logs to a CloudWatch Logs group. Returns without waiting for the NAT gateways, so the cluster step starts at once; the node group step waits for them',
    example: yaml.stringify({
      steps: [
        {
          id: 'network',
          action: 'eks-platform:network:create',
          name: 'Create the network',
          input: {
            environment: 'production',
            owner: 'group:default/platform-team',
            account: '333333333333',
            flowLogDestinationArn:
              'arn:aws:logs:eu-west-3:333333333333:log-group:/dpj/vpc-flow-logs',
            flowLogDeliveryRoleArn:
              'arn:aws:iam::333333333333:role/dpj-vpc-flow-logs-delivery',
            waitForNatGateways: false,
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a dev network with one NAT gateway, flow logs to S3, and keep what was created if a step fails',
    example: yaml.stringify({
      steps: [
        {
          id: 'network',
          action: 'eks-platform:network:create',
          name: 'Create the network',
          input: {
            environment: 'dev',
            name: 'payments-dev',
            owner: 'group:default/dpj-developers',
            account: '111111111111',
            flowLogDestinationArn:
              'arn:aws:s3:::dpj-dev-flow-logs/payments-dev',
            rollbackOnFailure: false,
          },
        },
      ],
    }),
  },
];
