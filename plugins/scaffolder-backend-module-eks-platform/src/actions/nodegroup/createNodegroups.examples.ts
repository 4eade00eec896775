import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const createNodegroupsExamples: TemplateExample[] = [
  {
    description:
      'Create the production node groups (system on-demand, application on-demand, application Spot) on the cluster and subnets of the earlier steps, then CoreDNS and the EBS and EFS CSI drivers',
    example: yaml.stringify({
      steps: [
        {
          id: 'nodegroups',
          action: 'eks-platform:nodegroup:create',
          name: 'Create the node groups',
          input: {
            environment: 'production',
            owner: 'group:default/platform-team',
            account: '333333333333',
            clusterName: '${{ steps.cluster.output.clusterName }}',
            nodeRoleArn: '${{ steps.cluster.output.nodeRoleArn }}',
            privateSubnetIds: '${{ steps.network.output.privateSubnetIds }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Create the dev node groups with explicit values, deleting what this task created if a step fails',
    example: yaml.stringify({
      steps: [
        {
          id: 'nodegroups',
          action: 'eks-platform:nodegroup:create',
          name: 'Create the node groups',
          input: {
            environment: 'dev',
            owner: 'group:default/dpj-developers',
            account: '111111111111',
            clusterName: 'dpj-dev-cluster',
            nodeRoleArn:
              'arn:aws:iam::111111111111:role/dpj-dev-cluster-node-role',
            privateSubnetIds: [
              'subnet-0a1b2c3d4e5f60001',
              'subnet-0a1b2c3d4e5f60002',
              'subnet-0a1b2c3d4e5f60003',
            ],
            rollbackOnFailure: true,
          },
        },
      ],
    }),
  },
];
