/**
 * Pure logic of the EksRegionZonesPicker field: options, default value,
 * region changes and the problems that block the Review step.
 */
import {
  availabilityZonesOf,
  AWS_REGIONS,
  AwsRegion,
  DEFAULT_REGION,
  findRegion,
  isAvailabilityZoneInRegion,
} from '@internal/plugin-eks-platform-common';
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';

/** Value of the `EksRegionZonesPicker` field. */
export interface RegionZonesValue {
  region: string;
  availabilityZones: string[];
}

/** The environments span three availability zones (ADR-0007). */
export const REQUIRED_AVAILABILITY_ZONES = 3;

/** "Europe (Paris) — eu-west-3", with opt-in regions flagged. */
export function regionLabel(region: AwsRegion): string {
  const base = `${region.displayName} — ${region.code}`;
  return region.optIn ? `${base} (opt-in region)` : base;
}

export interface RegionOption {
  code: string;
  label: string;
}

export const REGION_OPTIONS: readonly RegionOption[] = AWS_REGIONS.map(
  region => ({ code: region.code, label: regionLabel(region) }),
);

/** The region's first three zones, the value a region change resets to. */
export function defaultZonesOf(region: string): string[] {
  return availabilityZonesOf(region).slice(0, REQUIRED_AVAILABILITY_ZONES);
}

export function defaultRegionZones(): RegionZonesValue {
  return {
    region: DEFAULT_REGION,
    availabilityZones: defaultZonesOf(DEFAULT_REGION),
  };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(item => typeof item === 'string');
}

/**
 * A complete value from whatever the form holds (undefined, `{}` from RJSF's
 * defaults, a template default giving only the region). Values that are
 * complete keep their content, even when invalid: validation reports them.
 */
export function normalizeRegionZones(value: unknown): RegionZonesValue {
  const input =
    value && typeof value === 'object'
      ? (value as Partial<Record<keyof RegionZonesValue, unknown>>)
      : {};
  const region =
    typeof input.region === 'string' && input.region !== ''
      ? input.region
      : DEFAULT_REGION;
  const availabilityZones = isStringArray(input.availabilityZones)
    ? input.availabilityZones
    : defaultZonesOf(region);
  return { region, availabilityZones };
}

/** Changing the region resets the zones to its first three. */
export function withRegion(region: string): RegionZonesValue {
  return { region, availabilityZones: defaultZonesOf(region) };
}

/**
 * Ticks or unticks a zone. The region's zones stay in the region's order
 * (subnets are assigned by position), zones foreign to it keep theirs at the end.
 */
export function toggleZone(
  value: RegionZonesValue,
  zone: string,
  selected: boolean,
): RegionZonesValue {
  const chosen = new Set(value.availabilityZones);
  if (selected) chosen.add(zone);
  else chosen.delete(zone);
  const regionZones = availabilityZonesOf(value.region);
  const foreign = value.availabilityZones.filter(
    (z, index, all) =>
      !regionZones.includes(z) && chosen.has(z) && all.indexOf(z) === index,
  );
  return {
    region: value.region,
    availabilityZones: [...regionZones.filter(z => chosen.has(z)), ...foreign],
  };
}

/** "eu-west-3 (Europe (Paris))", or the bare code of an unknown region. */
export function describeRegion(code: string): string {
  const region = findRegion(code);
  return region ? `${region.code} (${region.displayName})` : code;
}

/** Everything wrong with the value, one sentence each; empty when valid. */
export function regionZonesProblems(value: unknown): string[] {
  const input =
    value && typeof value === 'object'
      ? (value as Partial<Record<keyof RegionZonesValue, unknown>>)
      : {};
  const problems: string[] = [];
  const region = typeof input.region === 'string' ? input.region : '';
  const known = findRegion(region) !== undefined;
  if (!known) {
    problems.push(
      region
        ? `region "${region}" is not a supported AWS region; pick one from the list (default ${describeRegion(
            DEFAULT_REGION,
          )})`
        : `choose a region (default ${describeRegion(DEFAULT_REGION)})`,
    );
  }
  if (!isStringArray(input.availabilityZones)) {
    problems.push(
      `choose ${REQUIRED_AVAILABILITY_ZONES} availability zones of the region`,
    );
    return problems;
  }
  const zones = input.availabilityZones;
  const seen = new Set<string>();
  for (const zone of zones) {
    if (seen.has(zone)) {
      problems.push(`${zone} is listed twice`);
      continue;
    }
    seen.add(zone);
    if (known && !isAvailabilityZoneInRegion(zone, region)) {
      problems.push(
        `${zone} is not in ${describeRegion(
          region,
        )}; choose from ${availabilityZonesOf(region).join(', ')}`,
      );
    }
  }
  if (seen.size !== REQUIRED_AVAILABILITY_ZONES) {
    problems.push(
      `choose exactly ${REQUIRED_AVAILABILITY_ZONES} distinct availability zones (the environments span three AZs); ${
        seen.size
      } ${seen.size === 1 ? 'is' : 'are'} selected`,
    );
  }
  return problems;
}

/** The field's `validation`: blocks the Review step while a problem remains. */
export const validateRegionZones: CustomFieldValidator<RegionZonesValue> = (
  value,
  validation,
) => {
  for (const message of regionZonesProblems(value)) {
    validation.addError(message);
  }
};
