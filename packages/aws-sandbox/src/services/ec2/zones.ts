import { REGION_FACTS } from '@internal/aws-facts';

/** Zone names AWS offers in a region (eu-west-3a, eu-west-3b, eu-west-3c); none for an unknown one. */
export function availabilityZonesOf(region: string): string[] {
  const facts = REGION_FACTS.find(r => r.code === region);
  return (facts?.availabilityZoneSuffixes ?? []).map(s => `${region}${s}`);
}

const DIRECTIONS: Record<string, string> = {
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/**
 * AWS's zone id, the same physical zone in every account: eu-west-3a → euw3-az1.
 * AWS shuffles letters per account; here letter n is always az n.
 */
export function zoneIdOf(zoneName: string): string | undefined {
  const match = /^([a-z]+)-([a-z]+)-(\d+)([a-z])$/.exec(zoneName);
  if (!match) return undefined;
  const [, area, direction, number] = match;
  const region = `${area}-${direction}-${number}`;
  const index = availabilityZonesOf(region).indexOf(zoneName);
  if (index < 0) return undefined;
  return `${area}${DIRECTIONS[direction] ?? direction[0]}${number}-az${
    index + 1
  }`;
}
