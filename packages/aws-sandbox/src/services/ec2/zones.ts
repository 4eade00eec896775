import { availabilityZonesOf } from '@internal/plugin-eks-platform-common';

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
