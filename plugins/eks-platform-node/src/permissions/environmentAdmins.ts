import type { Config } from '@backstage/config';

/**
 * Who the default permission policy lets touch environments, read from
 * `eksPlatform.permissions`: both the policy and the scaffolder module's refusals read it,
 * so a refusal names the groups the policy actually grants.
 */
export interface EnvironmentAdmins {
  /** May create and destroy dev and staging environments their groups own. */
  environmentAdmins: string[];
  /** May create, destroy and adopt any environment, production included, for any owner. */
  productionAdmins: string[];
}

export const DEFAULT_ENVIRONMENT_ADMINS: readonly string[] = [
  'group:default/platform-team',
];
export const DEFAULT_PRODUCTION_ADMINS: readonly string[] = [
  'group:default/platform-team',
];

export function readEnvironmentAdmins(config: Config): EnvironmentAdmins {
  const read = (key: string, fallback: readonly string[]) =>
    (
      config.getOptionalStringArray(`eksPlatform.permissions.${key}`) ??
      fallback
    ).map(ref => ref.toLowerCase());
  return {
    environmentAdmins: read('environmentAdmins', DEFAULT_ENVIRONMENT_ADMINS),
    productionAdmins: read('productionAdmins', DEFAULT_PRODUCTION_ADMINS),
  };
}
