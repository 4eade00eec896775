/**
 * Whether a controller running on a cluster gets AWS credentials that allow what it must
 * do. Its pods get them from an EKS Pod Identity association of their service account (the
 * role trusting `pods.eks.amazonaws.com` with sts:AssumeRole and sts:TagSession, the
 * eks-pod-identity-agent add-on running) or from an IRSA role (an add-on's
 * `serviceAccountRoleArn`). There is no fallback worth having: managed node groups'
 * launch templates require IMDSv2 with a hop limit of 1, so pods cannot reach the
 * instance metadata, and the node role lacks these permissions anyway ("Amazon EBS CSI
 * driver", "Install the AWS Load Balancer Controller", EKS User Guide). Without them the
 * driver leaves claims Pending and the controller creates no load balancer.
 */
import { SandboxContext } from '../core/types';
import { actionMatches, iamStoreOf, roleAsSeenBy } from '../services/iam';
import { liveAddons, StoredCluster } from '../services/eks/eksStore';
import { phaseOf } from '../services/eks/lifecycle';

export interface ControllerIdentity {
  namespace: string;
  serviceAccount: string;
  /** An add-on whose `serviceAccountRoleArn` (IRSA) also gives the pods a role. */
  addonName?: string;
  /** The call its work needs, e.g. `ec2:CreateVolume`. */
  action: string;
  /** The ARN that call acts on, when the policy must allow it on that resource. */
  resource?: string;
  /** AWS managed policies that allow it. */
  managedPolicyArns: string[];
}

export const EBS_CSI_DRIVER: ControllerIdentity = {
  namespace: 'kube-system',
  serviceAccount: 'ebs-csi-controller-sa',
  addonName: 'aws-ebs-csi-driver',
  action: 'ec2:CreateVolume',
  managedPolicyArns: [
    'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy',
  ],
};

export const LOAD_BALANCER_CONTROLLER: ControllerIdentity = {
  namespace: 'kube-system',
  serviceAccount: 'aws-load-balancer-controller',
  // AWS publishes the controller's policy as a document to create, not a managed policy.
  action: 'elasticloadbalancing:CreateLoadBalancer',
  managedPolicyArns: [],
};

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

/** IAM's ARN wildcards: `*` any run of characters, `?` one. */
function arnMatches(pattern: string, arn: string): boolean {
  const escape = (text: string) => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  const regex = pattern
    .split('*')
    .map(part => part.split('?').map(escape).join('.'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(arn);
}

function allows(document: string, action: string, resource?: string): boolean {
  const parsed = JSON.parse(document) as {
    Statement?: Statement | Statement[];
  };
  return ([] as Statement[])
    .concat(parsed.Statement ?? [])
    .filter(s => s.Effect === 'Allow')
    .filter(
      s =>
        resource === undefined ||
        ([] as string[])
          .concat(s.Resource ?? [])
          .some(pattern => arnMatches(pattern, resource)),
    )
    .some(s =>
      ([] as string[])
        .concat(s.Action ?? [])
        .some(pattern => actionMatches(pattern, action)),
    );
}

/** Why the controller cannot do its work, or undefined when it can. */
export function credentialsProblem(
  context: SandboxContext,
  accountId: string,
  cluster: StoredCluster,
  identity: ControllerIdentity,
): string | undefined {
  const credentials = controllerCredentials(
    context,
    accountId,
    cluster,
    identity,
  );
  return 'problem' in credentials ? credentials.problem : undefined;
}

/** The role the controller works as, or why it cannot do its work. */
export function controllerCredentials(
  context: SandboxContext,
  accountId: string,
  cluster: StoredCluster,
  identity: ControllerIdentity,
): { roleArn: string } | { problem: string } {
  const problem = (text: string) => ({ problem: text });
  const now = context.clock.nowMillis();
  const who = `${identity.namespace}/${identity.serviceAccount}`;
  const association = cluster.podIdentityAssociations.find(
    a =>
      a.namespace === identity.namespace &&
      a.serviceAccount === identity.serviceAccount,
  );
  const irsaRole = identity.addonName
    ? liveAddons(cluster, now).find(
        a => a.addon.addonName === identity.addonName,
      )?.addon.serviceAccountRoleArn
    : undefined;
  const roleArn = association?.roleArn ?? irsaRole;
  if (!roleArn) {
    return problem(
      `${who} has no AWS credentials: no Pod Identity association or IRSA role gives it a role, and pods cannot use the node's`,
    );
  }
  if (association) {
    const seen = roleAsSeenBy(context, accountId, roleArn);
    if (seen?.propagating) {
      return problem(
        `${who} gets no credentials yet: ${roleArn} was changed too recently`,
      );
    }
    if (
      !seen?.trusts('pods.eks.amazonaws.com', [
        'sts:AssumeRole',
        'sts:TagSession',
      ])
    ) {
      return problem(
        `${who} cannot assume ${roleArn}: its trust policy does not allow pods.eks.amazonaws.com`,
      );
    }
    const agent = liveAddons(cluster, now).some(
      a =>
        a.addon.addonName === 'eks-pod-identity-agent' &&
        phaseOf(a.lifecycle, now) === 'ACTIVE',
    );
    if (!agent)
      return problem(
        `${who} gets no credentials: the eks-pod-identity-agent add-on is not running`,
      );
  }
  const stored = iamStoreOf(context, accountId).find(
    roleArn.split('/').pop() ?? '',
  );
  const permitted =
    stored !== undefined &&
    (stored.attachedPolicyArns.some(arn =>
      identity.managedPolicyArns.includes(arn),
    ) ||
      [...stored.inlinePolicies.values()].some(document =>
        allows(document, identity.action, identity.resource),
      ));
  return permitted
    ? { roleArn }
    : problem(
        `${roleArn} does not allow ${identity.action}${
          identity.resource ? ` on ${identity.resource}` : ''
        } (AccessDenied)`,
      );
}
