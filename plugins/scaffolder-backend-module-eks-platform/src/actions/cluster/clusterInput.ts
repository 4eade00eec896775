/** The cluster action's own input fields and their checks (no AWS call). */
import {
  EnvironmentSpec,
  validateEnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import type { InputProblem } from '../shared/environmentInput';

export const PRIVATE_SUBNETS_FIELD = 'privateSubnetIds';
export const ADMIN_PRINCIPAL_FIELD = 'adminPrincipalArn';
export const ARGOCD_ROLE_FIELD = 'argocdRoleArn';
export const PUBLIC_CIDRS_FIELD = 'endpointPublicAccessCidrs';

export interface ClusterInputFields {
  privateSubnetIds?: unknown;
  adminPrincipalArn?: unknown;
  argocdRoleArn?: unknown;
  endpointPublicAccessCidrs?: unknown;
}

const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
/** An IAM role ARN (paths allowed, as IAM Identity Center roles have). */
export const ROLE_ARN =
  /^arn:aws(?:-cn|-us-gov)?:iam::\d{12}:role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/;

/**
 * The spec with the endpoint access the input asks for: the preset's when the field is
 * absent; an empty list turns the public endpoint off; otherwise public, restricted to them.
 */
export function withEndpointAccess(
  spec: EnvironmentSpec,
  cidrs: unknown,
): EnvironmentSpec {
  if (!Array.isArray(cidrs)) return spec;
  return {
    ...spec,
    endpointAccess: {
      private: true,
      public: cidrs.length > 0,
      publicAccessCidrs: cidrs as string[],
    },
  };
}

/** Accounts besides the environment's whose roles may administer its cluster. */
export interface AdminPrincipalPolicy {
  adminPrincipalAccounts?: readonly string[];
}

export function clusterInputProblems(
  input: ClusterInputFields,
  spec: EnvironmentSpec,
  today: Date,
  policy: AdminPrincipalPolicy = {},
): InputProblem[] {
  return [
    ...subnetProblems(input, spec),
    ...clusterFormProblems(input, spec, today, policy),
  ];
}

function subnetProblems(
  input: ClusterInputFields,
  spec: EnvironmentSpec,
): InputProblem[] {
  const problems: InputProblem[] = [];
  const subnets = input.privateSubnetIds;
  const zones = spec.availabilityZones.length;
  if (!Array.isArray(subnets)) {
    problems.push({
      path: PRIVATE_SUBNETS_FIELD,
      rule: 'required',
      message: `${PRIVATE_SUBNETS_FIELD} is required: the ${zones} private subnet ids the network step output`,
    });
  } else {
    if (subnets.length !== zones) {
      problems.push({
        path: PRIVATE_SUBNETS_FIELD,
        rule: 'subnet-count',
        message: `expected ${zones} private subnet ids, one per availability zone (${spec.availabilityZones.join(
          ', ',
        )}), got ${subnets.length}`,
      });
    }
    subnets.forEach((id, index) => {
      if (typeof id !== 'string' || !SUBNET_ID.test(id)) {
        problems.push({
          path: `${PRIVATE_SUBNETS_FIELD}[${index}]`,
          rule: 'subnet-id',
          message: `${JSON.stringify(
            id,
          )} is not a subnet id (subnet-0123456789abcdef0)`,
        });
      }
    });
    if (new Set(subnets).size !== subnets.length) {
      problems.push({
        path: PRIVATE_SUBNETS_FIELD,
        rule: 'subnet-duplicate',
        message: 'the same subnet is listed twice',
      });
    }
  }
  return problems;
}

/**
 * A role the cluster makes an administrator (AmazonEKSClusterAdminPolicy). Cluster-admin
 * for a role of another account would hand the cluster to whoever controls that account.
 */
function clusterAdminProblems(
  field: string,
  arn: unknown,
  what: string,
  spec: EnvironmentSpec,
  policy: AdminPrincipalPolicy,
): InputProblem[] {
  if (typeof arn !== 'string' || !ROLE_ARN.test(arn)) {
    return [
      {
        path: field,
        rule: 'role-arn',
        message: `${field} must be the ARN of ${what} (arn:aws:iam::123456789012:role/name), got ${JSON.stringify(
          arn,
        )}`,
      },
    ];
  }
  const account = arn.split(':')[4];
  const allowed = [spec.account, ...(policy.adminPrincipalAccounts ?? [])];
  if (allowed.includes(account)) return [];
  return [
    {
      path: field,
      rule: 'role-account',
      message: `${field} must be a role of the environment's account ${
        spec.account
      }${
        policy.adminPrincipalAccounts?.length
          ? ` or of ${policy.adminPrincipalAccounts.join(
              ', ',
            )} (eksPlatform.permissions.adminPrincipalAccounts)`
          : ''
      }, got a role of account ${account}`,
    },
  ];
}

/**
 * The fields the form fills in (the administrator and ArgoCD roles, the public endpoint),
 * which the template's first step checks before anything is created.
 */
export function clusterFormProblems(
  input: ClusterInputFields,
  spec: EnvironmentSpec,
  today: Date,
  policy: AdminPrincipalPolicy = {},
): InputProblem[] {
  const problems: InputProblem[] = [
    ...clusterAdminProblems(
      ADMIN_PRINCIPAL_FIELD,
      input.adminPrincipalArn,
      "the platform team's IAM role",
      spec,
      policy,
    ),
    ...clusterAdminProblems(
      ARGOCD_ROLE_FIELD,
      input.argocdRoleArn,
      'the IAM role ArgoCD assumes',
      spec,
      policy,
    ),
  ];
  if (
    typeof input.argocdRoleArn === 'string' &&
    input.argocdRoleArn === input.adminPrincipalArn
  ) {
    problems.push({
      path: ARGOCD_ROLE_FIELD,
      rule: 'distinct',
      message: `${ARGOCD_ROLE_FIELD} must not be ${ADMIN_PRINCIPAL_FIELD}: EKS gives a principal one access entry, and ArgoCD's is its own`,
    });
  }
  const cidrs = input.endpointPublicAccessCidrs;
  if (cidrs !== undefined) {
    if (!Array.isArray(cidrs) || cidrs.some(c => typeof c !== 'string')) {
      problems.push({
        path: PUBLIC_CIDRS_FIELD,
        rule: 'type',
        message: `${PUBLIC_CIDRS_FIELD} must be a list of CIDR blocks`,
      });
    } else {
      // The environment rules on endpoint access (format, 0.0.0.0/0, at most 40), named
      // after this field.
      const endpointProblems = validateEnvironmentSpec(
        withEndpointAccess(spec, cidrs),
        { today },
      ).filter(p => p.path.startsWith('endpointAccess'));
      for (const p of endpointProblems) {
        problems.push({
          path: p.path.replace(
            /^endpointAccess(\.publicAccessCidrs)?/,
            PUBLIC_CIDRS_FIELD,
          ),
          rule: p.rule,
          message: p.message,
        });
      }
    }
  }
  return problems;
}
