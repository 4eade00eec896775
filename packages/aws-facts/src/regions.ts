/**
 * AWS commercial regions and the availability zone letters they offer.
 *
 * Source: "Regions and Zones" (docs.aws.amazon.com/global-infrastructure/latest/regions/)
 * and each region's DescribeAvailabilityZones. Zone letters map per account onto physical
 * zones (zone ids such as euw3-az1); regions whose letters differ between accounts
 * (us-west-1) are left out. Opt-in regions must be enabled on an account before use.
 */

export interface RegionFacts {
  code: string;
  displayName: string;
  availabilityZoneSuffixes: readonly string[];
  optIn: boolean;
}

const ABC = ['a', 'b', 'c'];

function region(
  code: string,
  displayName: string,
  {
    suffixes = ABC,
    optIn = false,
  }: { suffixes?: string[]; optIn?: boolean } = {},
): RegionFacts {
  return {
    code,
    displayName,
    availabilityZoneSuffixes: suffixes,
    optIn,
  };
}

export const REGION_FACTS: readonly RegionFacts[] = [
  region('eu-west-1', 'Europe (Ireland)'),
  region('eu-west-2', 'Europe (London)'),
  region('eu-west-3', 'Europe (Paris)'),
  region('eu-central-1', 'Europe (Frankfurt)'),
  region('eu-central-2', 'Europe (Zurich)', { optIn: true }),
  region('eu-north-1', 'Europe (Stockholm)'),
  region('eu-south-1', 'Europe (Milan)', { optIn: true }),
  region('eu-south-2', 'Europe (Spain)', { optIn: true }),
  region('us-east-1', 'US East (N. Virginia)', {
    suffixes: ['a', 'b', 'c', 'd', 'e', 'f'],
  }),
  region('us-east-2', 'US East (Ohio)'),
  region('us-west-2', 'US West (Oregon)', {
    suffixes: ['a', 'b', 'c', 'd'],
  }),
  region('ca-central-1', 'Canada (Central)', {
    suffixes: ['a', 'b', 'd'],
  }),
  region('sa-east-1', 'South America (São Paulo)'),
  region('ap-south-1', 'Asia Pacific (Mumbai)'),
  region('ap-southeast-1', 'Asia Pacific (Singapore)'),
  region('ap-southeast-2', 'Asia Pacific (Sydney)'),
  region('ap-northeast-1', 'Asia Pacific (Tokyo)', {
    suffixes: ['a', 'c', 'd'],
  }),
  region('ap-northeast-2', 'Asia Pacific (Seoul)', {
    suffixes: ['a', 'b', 'c', 'd'],
  }),
  region('ap-northeast-3', 'Asia Pacific (Osaka)'),
  region('me-central-1', 'Middle East (UAE)', { optIn: true }),
  region('af-south-1', 'Africa (Cape Town)', { optIn: true }),
];
