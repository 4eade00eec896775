import { CreateClusterCommandInput, Logging } from '@aws-sdk/client-eks';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { SeedEnvironment } from '../../seed/dpjEnvironments';
import {
  EksTestSandbox,
  PRIVATE_SUBNET_IDS,
  trustPolicy,
  waitForIamPropagation,
} from './testSandbox';

/** What the scaffolder's cluster step sends, for tests that walk a whole environment. */

export const ALL_LOGS_ENABLED: Logging = {
  clusterLogging: [
    {
      types: [
        'api',
        'audit',
        'authenticator',
        'controllerManager',
        'scheduler',
      ],
      enabled: true,
    },
  ],
};

const ROLE_POLICIES = {
  cluster: {
    service: 'eks.amazonaws.com',
    policies: ['AmazonEKSClusterPolicy'],
  },
  node: {
    service: 'ec2.amazonaws.com',
    policies: [
      'AmazonEKSWorkerNodePolicy',
      'AmazonEKS_CNI_Policy',
      'AmazonEC2ContainerRegistryPullOnly',
    ],
  },
};

type RoleKind = keyof typeof ROLE_POLICIES;

const roleName = (prefix: string, kind: RoleKind) =>
  `${prefix}-eks-${kind}-role`;
const policyArn = (policy: string) => `arn:aws:iam::aws:policy/${policy}`;

/** Creates the cluster and node roles with their managed policies; returns their ARNs. */
export async function createEnvironmentRoles(
  t: EksTestSandbox,
  prefix: string,
): Promise<Record<RoleKind, string>> {
  const arns = { cluster: '', node: '' };
  for (const kind of ['cluster', 'node'] as const) {
    const RoleName = roleName(prefix, kind);
    const { service, policies } = ROLE_POLICIES[kind];
    const created = await t.iam.send(
      new CreateRoleCommand({
        RoleName,
        AssumeRolePolicyDocument: trustPolicy(service),
      }),
    );
    arns[kind] = created.Role?.Arn ?? '';
    for (const policy of policies) {
      await t.iam.send(
        new AttachRolePolicyCommand({ RoleName, PolicyArn: policyArn(policy) }),
      );
    }
  }
  await waitForIamPropagation(t);
  return arns;
}

/** Detaches the roles' policies and deletes them, the order IAM requires. */
export async function deleteEnvironmentRoles(
  t: EksTestSandbox,
  prefix: string,
): Promise<void> {
  for (const kind of ['cluster', 'node'] as const) {
    const RoleName = roleName(prefix, kind);
    for (const policy of ROLE_POLICIES[kind].policies) {
      await t.iam.send(
        new DetachRolePolicyCommand({ RoleName, PolicyArn: policyArn(policy) }),
      );
    }
    await t.iam.send(new DeleteRoleCommand({ RoleName }));
  }
}

export function clusterRequest(
  spec: SeedEnvironment,
  roleArn: string,
  keyArn: string,
): CreateClusterCommandInput {
  return {
    name: `${spec.name}-cluster`,
    version: spec.kubernetesVersion,
    roleArn,
    resourcesVpcConfig: {
      subnetIds: PRIVATE_SUBNET_IDS,
      endpointPrivateAccess: spec.endpointAccess.private,
      endpointPublicAccess: spec.endpointAccess.public,
    },
    logging: ALL_LOGS_ENABLED,
    encryptionConfig: [{ resources: ['secrets'], provider: { keyArn } }],
    accessConfig: {
      authenticationMode: 'API',
      bootstrapClusterCreatorAdminPermissions: true,
    },
    upgradePolicy: { supportType: 'STANDARD' },
    bootstrapSelfManagedAddons: false,
    tags: spec.tags,
  };
}
