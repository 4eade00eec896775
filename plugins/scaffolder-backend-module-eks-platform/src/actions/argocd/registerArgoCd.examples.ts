import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const environment = {
  environment: 'dev',
  name: 'payments-dev',
  owner: 'group:default/platform-team',
  account: '111111111111',
  clusterName: 'payments-dev-cluster',
  clusterEndpoint: 'https://0123456789ABCDEF.gr7.eu-west-3.eks.amazonaws.com',
  clusterCertificateAuthority: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==',
  vpcId: 'vpc-0a1b2c3d4e5f60718',
  argocdRoleArn: 'arn:aws:iam::111111111111:role/argocd-manager',
  repoUrl: 'https://github.com/dpj/gitops.git',
};

export const registerArgoCdExamples: TemplateExample[] = [
  {
    description:
      'Write the app-of-apps layout of a dev environment into the workspace, for a pull request to the GitOps repository',
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd',
          action: 'eks-platform:argocd:register',
          name: 'Register with ArgoCD (GitOps)',
          input: environment,
        },
      ],
    }),
  },
  {
    description:
      'Create the project, cluster and applications through the API of the configured ArgoCD instance "platform", without pruning',
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd',
          action: 'eks-platform:argocd:register',
          name: 'Register with ArgoCD (API)',
          input: {
            ...environment,
            mode: 'api',
            argocdInstance: 'platform',
            syncPolicy: { automated: true, prune: false, selfHeal: true },
          },
        },
      ],
    }),
  },
];
