/**
 * The network step checks the Kubernetes version with EKS too (DescribeClusterVersions),
 * so that nothing of an environment is made whose cluster EKS would then refuse.
 */
import { EKSClient } from '@aws-sdk/client-eks';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  creatableVersionProblem,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import {
  AwsClientFactory,
  describeKubernetesVersions,
} from '@internal/plugin-eks-platform-node';
import { throwIfProblems } from './environmentInput';

/**
 * For the steps before the cluster (the network): refuses, naming the field, a version
 * EKS would not create the cluster with, before anything of the environment exists.
 */
export async function assertCreatableVersion(
  aws: Pick<AwsClientFactory, 'create'>,
  spec: EnvironmentSpec,
  today: Date,
  logger: Pick<LoggerService, 'warn'>,
): Promise<void> {
  const eks = await aws.create(EKSClient, {
    accountId: spec.account,
    region: spec.region,
  });
  try {
    const versions = await describeKubernetesVersions(eks, today, logger);
    const problem = creatableVersionProblem(spec.kubernetesVersion, versions);
    throwIfProblems(
      spec.environment,
      problem
        ? [
            {
              path: 'kubernetesVersion',
              rule: 'eks-standard-support',
              message: problem,
            },
          ]
        : [],
    );
  } finally {
    eks.destroy();
  }
}
