/**
 * AWS commercial regions the platform can target (REGION_FACTS of @internal/aws-facts).
 *
 * Provisioning still asks EC2 DescribeAvailabilityZones at run time; this table lets the
 * form and the validator answer instantly.
 */
import { REGION_FACTS } from '@internal/aws-facts';

export interface AwsRegion {
  code: string;
  displayName: string;
  availabilityZoneSuffixes: readonly string[];
  /** Opt-in regions must be enabled on the account before anything can be created there. */
  optIn: boolean;
}

/** Paris. ADR-0007 says "eu-west-1 (Paris)", but eu-west-1 is Ireland. */
export const DEFAULT_REGION = 'eu-west-3';

export const AWS_REGIONS: readonly AwsRegion[] = REGION_FACTS;

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
