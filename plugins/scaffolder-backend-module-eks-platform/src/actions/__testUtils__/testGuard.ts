/**
 * An `EnvironmentGuard` for action tests: the real guard, its leases in an in-memory
 * SQLite database, and a permission service answering what the test's policy decides
 * (ALLOW unless told otherwise). Tests only.
 */
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PermissionRuleset } from '@backstage/plugin-permission-node';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import type { EksEnvironmentResource } from '@internal/plugin-eks-platform-common';
import {
  AwsClientFactory,
  DEFAULT_ENVIRONMENT_ADMINS,
  DEFAULT_PRODUCTION_ADMINS,
  eksEnvironmentPermissionRules,
} from '@internal/plugin-eks-platform-node';
import knexFactory from 'knex';
import {
  DatabaseEnvironmentLeases,
  EnvironmentGuard,
  TaskActivity,
} from '../access';

const rules = Object.values(eksEnvironmentPermissionRules);
const ruleset = {
  getRuleByName: (name: string) => {
    const rule = rules.find(r => r.name === name);
    if (!rule) throw new Error(`no rule ${name}`);
    return rule;
  },
} as unknown as PermissionRuleset<EksEnvironmentResource>;

/** The environment rules applied as the scaffolder module applies them. */
export const isEnvironmentAuthorized = createConditionAuthorizer(ruleset);

/** An SQLite database service of its own (one per call). */
export function sqliteDatabase() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  return { getClient: async () => knex, knex };
}

export interface TestGuardOptions {
  /** The policy's decision for a permission name and the initiator's user ref. */
  decide?: (permission: string, userRef: string | undefined) => PolicyDecision;
  /** Whether a lease holder's task still runs; default: every task runs. */
  isTaskActive?: TaskActivity;
}

export function testGuard(
  aws: Pick<AwsClientFactory, 'create'>,
  options: TestGuardOptions = {},
): EnvironmentGuard {
  const decide = options.decide ?? (() => ({ result: AuthorizeResult.ALLOW }));
  return new EnvironmentGuard({
    aws,
    permissions: {
      authorizeConditional: async (requests, { credentials }) => {
        const principal = credentials.principal as { userEntityRef?: string };
        return requests.map(r =>
          decide(r.permission.name, principal.userEntityRef),
        ) as any;
      },
    },
    isAuthorized: isEnvironmentAuthorized,
    leases: new DatabaseEnvironmentLeases(
      sqliteDatabase(),
      options.isTaskActive ?? (async () => true),
    ),
    admins: {
      environmentAdmins: [...DEFAULT_ENVIRONMENT_ADMINS],
      productionAdmins: [...DEFAULT_PRODUCTION_ADMINS],
    },
  });
}
