import { Role } from '@aws-sdk/client-iam';
import { SandboxContext } from '../../core/types';

/** One role as IAM keeps it: tags, attached managed policies and inline policies beside it. */
export interface StoredRole {
  role: Omit<Role, 'Tags'>;
  tags: Map<string, string>;
  /** ARNs of attached managed policies, in attachment order. */
  attachedPolicyArns: string[];
  /** Inline policy name → JSON document. */
  inlinePolicies: Map<string, string>;
}

/** IAM is global: one store per account, under region 'global'. */
export class IamStore {
  /** Role name → role; IAM role names are unique per account, case-insensitively. */
  readonly roles = new Map<string, StoredRole>();

  find(roleName: string): StoredRole | undefined {
    return this.roles.get(roleName.toLowerCase());
  }

  add(stored: StoredRole): void {
    this.roles.set((stored.role.RoleName ?? '').toLowerCase(), stored);
  }

  remove(roleName: string): void {
    this.roles.delete(roleName.toLowerCase());
  }
}

export const IAM_REGION = 'global';

export function iamStoreOf(
  context: SandboxContext,
  accountId: string,
): IamStore {
  return context.state.scope(
    'iam',
    accountId,
    IAM_REGION,
    () => new IamStore(),
  );
}

/** Whether `roleArn` names an existing role of `accountId`, e.g. for EKS to check a cluster role. */
export function roleExists(
  context: SandboxContext,
  accountId: string,
  roleArn: string,
): boolean {
  const name = roleArn.split('/').pop() ?? '';
  return iamStoreOf(context, accountId).find(name)?.role.Arn === roleArn;
}
