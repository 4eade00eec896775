/**
 * The Kubernetes versions this sandbox's EKS offers, on its own clock.
 *
 * Published releases come from AWS's calendar (@internal/aws-facts). After the last one,
 * the sandbox keeps releasing as EKS has since 1.29: a new minor every four months, each
 * with 14 months of standard and 12 of extended support ("Understand the Kubernetes version
 * lifecycle on EKS"). So a sandbox running later than any table in the product offers
 * versions the product has never heard of, as real EKS will.
 */
import { EKS_VERSION_CALENDAR } from '@internal/aws-facts';

export type SupportPhase = 'standard' | 'extended' | 'end-of-life';

export interface SandboxVersion {
  version: string;
  release: Date;
  endOfStandardSupport: Date;
  endOfExtendedSupport: Date;
}

const RELEASE_EVERY_MONTHS = 4;
const STANDARD_MONTHS = 14;
const EXTENDED_MONTHS = 12;

function utcDay(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function addMonths(date: Date, months: number): Date {
  const shifted = new Date(date.getTime());
  shifted.setUTCMonth(shifted.getUTCMonth() + months);
  return shifted;
}

const PUBLISHED: SandboxVersion[] = EKS_VERSION_CALENDAR.map(entry => ({
  version: entry.version,
  release: utcDay(entry.eksRelease),
  endOfStandardSupport: utcDay(entry.endOfStandardSupport),
  endOfExtendedSupport: utcDay(entry.endOfExtendedSupport),
}));

/** Every version released by `day`, oldest first. */
export function versionsReleasedBy(day: Date): SandboxVersion[] {
  const versions = PUBLISHED.filter(v => v.release <= day);
  let last = PUBLISHED[PUBLISHED.length - 1];
  for (;;) {
    const release = addMonths(last.release, RELEASE_EVERY_MONTHS);
    if (release > day) break;
    const endOfStandardSupport = addMonths(release, STANDARD_MONTHS);
    last = {
      version: `1.${Number(last.version.split('.')[1]) + 1}`,
      release,
      endOfStandardSupport,
      endOfExtendedSupport: addMonths(endOfStandardSupport, EXTENDED_MONTHS),
    };
    versions.push(last);
  }
  return versions;
}

export function supportPhase(version: SandboxVersion, day: Date): SupportPhase {
  if (day < version.endOfStandardSupport) return 'standard';
  if (day < version.endOfExtendedSupport) return 'extended';
  return 'end-of-life';
}

/** The phase of `version` on `day`; a version not released yet is undefined. */
export function supportPhaseOf(
  version: string,
  day: Date,
): SupportPhase | undefined {
  const entry = versionsReleasedBy(day).find(v => v.version === version);
  return entry && supportPhase(entry, day);
}

/** Newest minor released by `day` (35 for 1.35). */
export function newestMinorBy(day: Date): number {
  const versions = versionsReleasedBy(day);
  return Number(versions[versions.length - 1].version.split('.')[1]);
}
