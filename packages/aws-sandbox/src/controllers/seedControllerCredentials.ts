/**
 * The IAM a seeded environment's controllers run with, as a platform team sets it up:
 * one role per controller trusting EKS Pod Identity, and the association of the
 * controller's service account with it. Without these, the seeded load balancers and
 * volumes could not have been made.
 */
import { randomUUID } from 'node:crypto';
import { SandboxContext } from '../core/types';
import { eksStoreOf } from '../services/eks/eksStore';
import { attachRolePolicy, createRole, iamStoreOf } from '../services/iam';
import {
  ControllerIdentity,
  EBS_CSI_DRIVER,
  LOAD_BALANCER_CONTROLLER,
} from './controllerCredentials';

const POD_IDENTITY_TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'pods.eks.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession'],
    },
  ],
});

/** The part of the controller's published policy that matters here. */
const LOAD_BALANCER_CONTROLLER_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['elasticloadbalancing:*', 'ec2:Describe*'],
      Resource: '*',
    },
  ],
});

export function seedControllerCredentials(
  context: SandboxContext,
  input: {
    accountId: string;
    region: string;
    clusterName: string;
    createdAt: number;
  },
): void {
  const cluster = eksStoreOf(
    context,
    input.accountId,
    input.region,
  ).liveCluster(input.clusterName, context.clock.nowMillis());
  if (!cluster) return;
  const grant = (identity: ControllerIdentity, suffix: string) => {
    const roleName = `${input.clusterName}-${suffix}`;
    const stored = createRole(
      context,
      input.accountId,
      { RoleName: roleName, AssumeRolePolicyDocument: POD_IDENTITY_TRUST },
      new Date(input.createdAt),
    );
    for (const arn of identity.managedPolicyArns) {
      attachRolePolicy(context, input.accountId, roleName, arn);
    }
    if (identity === LOAD_BALANCER_CONTROLLER) {
      iamStoreOf(context, input.accountId)
        .find(roleName)!
        .inlinePolicies.set(
          'load-balancer-controller',
          LOAD_BALANCER_CONTROLLER_POLICY,
        );
    }
    const associationId = `a-${randomUUID().replace(/-/g, '').slice(0, 17)}`;
    cluster.podIdentityAssociations.push({
      clusterName: input.clusterName,
      namespace: identity.namespace,
      serviceAccount: identity.serviceAccount,
      roleArn: stored.role.Arn,
      associationId,
      associationArn: `arn:aws:eks:${input.region}:${input.accountId}:podidentityassociation/${input.clusterName}/${associationId}`,
      tags: {},
      createdAt: new Date(input.createdAt),
      modifiedAt: new Date(input.createdAt),
    });
  };
  grant(EBS_CSI_DRIVER, 'ebs-csi-driver');
  grant(LOAD_BALANCER_CONTROLLER, 'load-balancer-controller');
}
