import { Role } from '@aws-sdk/client-iam';
import { AWS_DURATIONS } from '../../core/clock';
import { SandboxContext } from '../../core/types';

/** One role as IAM keeps it: tags, attached managed policies and inline policies beside it. */
export interface StoredRole {
  role: Omit<Role, 'Tags'>;
  tags: Map<string, string>;
  /** ARNs of attached managed policies, in attachment order. */
  attachedPolicyArns: string[];
  /** Inline policy name → JSON document. */
  inlinePolicies: Map<string, string>;
  /**
   * Epoch ms from which other services (EKS, STS) see the role as it is now: IAM changes
   * propagate. Until then a service assuming it is refused.
   */
  settlesAtMs: number;
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

/** Marks a change to a role (trust, policies) that other services see only after propagation. */
export function roleChanged(context: SandboxContext, stored: StoredRole): void {
  stored.settlesAtMs =
    context.clock.nowMillis() +
    context.clock.scaledMillis(AWS_DURATIONS.iamPropagation);
}

interface TrustStatement {
  Effect?: string;
  Principal?: { Service?: unknown };
  Action?: unknown;
}

function asList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

/** A role as another AWS service sees it when it tries to assume it. */
export interface RoleAsSeen {
  /** Created or changed too recently for the service to see it yet. */
  propagating: boolean;
  /** Whether an Allow statement lets `service` perform every one of `actions`. */
  trusts(service: string, actions: string[]): boolean;
}

/** IAM's action matching: case-insensitive, `*` matching any characters. */
export function actionMatches(pattern: string, action: string): boolean {
  const regex = new RegExp(
    `^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`,
    'i',
  );
  return regex.test(action);
}

/** Reads a role as EKS or STS would, or undefined when `roleArn` names no role of `accountId`. */
export function roleAsSeenBy(
  context: SandboxContext,
  accountId: string,
  roleArn: string,
): RoleAsSeen | undefined {
  const name = roleArn.split('/').pop() ?? '';
  const stored = iamStoreOf(context, accountId).find(name);
  if (!stored || stored.role.Arn !== roleArn) return undefined;
  const document = JSON.parse(
    decodeURIComponent(stored.role.AssumeRolePolicyDocument ?? '{}'),
  ) as { Statement?: TrustStatement | TrustStatement[] };
  const statements = ([] as TrustStatement[])
    .concat(document.Statement ?? [])
    .filter(statement => statement.Effect === 'Allow');
  return {
    propagating: context.clock.nowMillis() < stored.settlesAtMs,
    trusts: (service, actions) =>
      statements.some(
        statement =>
          asList(statement.Principal?.Service).includes(service) &&
          actions.every(action =>
            asList(statement.Action).some(p => actionMatches(p, action)),
          ),
      ),
  };
}
