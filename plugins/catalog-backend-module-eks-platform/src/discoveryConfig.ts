import type { Config } from '@backstage/config';
import type { AwsTarget } from '@internal/plugin-eks-platform-node';

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * Every account × region pair to look for clusters in: `accountIds` (default: the
 * accounts of `aws.accounts`) × `regions` (default: the product's default region). Empty
 * when no account is configured.
 */
export function readDiscoveryTargets(
  config: Config,
  key: string,
  defaultRegion: string,
): AwsTarget[] {
  const section = config.getConfig(key);
  const accountIds =
    section.getOptionalStringArray('accountIds') ??
    (config.getOptionalConfigArray('aws.accounts') ?? []).map(account =>
      account.getString('accountId'),
    );
  const regions = section.getOptionalStringArray('regions') ?? [defaultRegion];
  for (const accountId of accountIds) {
    if (!ACCOUNT_ID.test(accountId)) {
      throw new Error(
        `${key}.accountIds: '${accountId}' is not a 12-digit AWS account id`,
      );
    }
  }
  for (const region of regions) {
    if (!REGION.test(region)) {
      throw new Error(`${key}.regions: '${region}' is not an AWS region code`);
    }
  }
  return accountIds.flatMap(accountId =>
    regions.map(region => ({ accountId, region })),
  );
}
