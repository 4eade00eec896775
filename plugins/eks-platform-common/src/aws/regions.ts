/**
 * AWS commercial regions the platform can target.
 *
 * Availability zone names are letters mapped per account onto physical zones
 * (zone ids such as euw3-az1); the letters below are the ones AWS offers in
 * these regions. Regions whose letters differ between accounts (us-west-1) are
 * left out on purpose. Provisioning still asks EC2 DescribeAvailabilityZones
 * at run time; this table lets the form and the validator answer instantly.
 */

export interface AwsRegion {
  code: string;
  displayName: string;
  availabilityZoneSuffixes: readonly string[];
  /** Opt-in regions must be enabled on the account before anything can be created there. */
  optIn: boolean;
}

/** Paris. ADR-0007 says "eu-west-1 (Paris)", but eu-west-1 is Ireland. */
export const DEFAULT_REGION = 'eu-west-3';

const ABC = ['a', 'b', 'c'];

function regionEntry(
  code: string,
  displayName: string,
  {
    suffixes = ABC,
    optIn = false,
  }: { suffixes?: string[]; optIn?: boolean } = {},
): AwsRegion {
  return { code, displayName, availabilityZoneSuffixes: suffixes, optIn };
}

export const AWS_REGIONS: readonly AwsRegion[] = [
  regionEntry('eu-west-1', 'Europe (Ireland)'),
  regionEntry('eu-west-2', 'Europe (London)'),
  regionEntry('eu-west-3', 'Europe (Paris)'),
  regionEntry('eu-central-1', 'Europe (Frankfurt)'),
  regionEntry('eu-central-2', 'Europe (Zurich)', { optIn: true }),
  regionEntry('eu-north-1', 'Europe (Stockholm)'),
  regionEntry('eu-south-1', 'Europe (Milan)', { optIn: true }),
  regionEntry('eu-south-2', 'Europe (Spain)', { optIn: true }),
  regionEntry('us-east-1', 'US East (N. Virginia)', {
    suffixes: ['a', 'b', 'c', 'd', 'e', 'f'],
  }),
  regionEntry('us-east-2', 'US East (Ohio)'),
  regionEntry('us-west-2', 'US West (Oregon)', {
    suffixes: ['a', 'b', 'c', 'd'],
  }),
  regionEntry('ca-central-1', 'Canada (Central)', {
    suffixes: ['a', 'b', 'd'],
  }),
  regionEntry('sa-east-1', 'South America (São Paulo)'),
  regionEntry('ap-south-1', 'Asia Pacific (Mumbai)'),
  regionEntry('ap-southeast-1', 'Asia Pacific (Singapore)'),
  regionEntry('ap-southeast-2', 'Asia Pacific (Sydney)'),
  regionEntry('ap-northeast-1', 'Asia Pacific (Tokyo)', {
    suffixes: ['a', 'c', 'd'],
  }),
  regionEntry('ap-northeast-2', 'Asia Pacific (Seoul)', {
    suffixes: ['a', 'b', 'c', 'd'],
  }),
  regionEntry('ap-northeast-3', 'Asia Pacific (Osaka)'),
  regionEntry('me-central-1', 'Middle East (UAE)', { optIn: true }),
  regionEntry('af-south-1', 'Africa (Cape Town)', { optIn: true }),
];

const REGIONS_BY_CODE = new Map(
  AWS_REGIONS.map(region => [region.code, region]),
);

export function findRegion(code: string): AwsRegion | undefined {
  return REGIONS_BY_CODE.get(code);
}

/** Full zone names of a known region (eu-west-3 gives eu-west-3a, eu-west-3b, eu-west-3c). */
export function availabilityZonesOf(regionCode: string): string[] {
  const region = findRegion(regionCode);
  return region
    ? region.availabilityZoneSuffixes.map(suffix => `${region.code}${suffix}`)
    : [];
}

export function isAvailabilityZoneInRegion(
  availabilityZone: string,
  regionCode: string,
): boolean {
  return availabilityZonesOf(regionCode).includes(availabilityZone);
}
