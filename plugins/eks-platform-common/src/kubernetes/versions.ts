/**
 * EKS Kubernetes versions and their support windows.
 *
 * This is a fallback and a record for documentation: at run time the product
 * asks EKS (DescribeClusterVersions) which versions it supports and passes
 * that list to the validator. Dates are the day each support phase ends, as
 * published in the EKS Kubernetes version lifecycle calendar.
 */
import { EKS_VERSION_CALENDAR } from '@internal/aws-facts';

export interface EksKubernetesVersion {
  version: string;
  /** ISO date (UTC) on which standard support ends. */
  endOfStandardSupport: string;
  /** ISO date (UTC) on which extended (paid) support ends. */
  endOfExtendedSupport: string;
}

export type KubernetesSupportPhase = 'standard' | 'extended' | 'end-of-life';

/** Newest version in standard support; ADR-0007's 1.28 is out of all support. */
export const DEFAULT_KUBERNETES_VERSION = '1.35';

/** Oldest first: the calendar AWS published (@internal/aws-facts), a fallback only. */
export const EKS_KUBERNETES_VERSIONS: readonly EksKubernetesVersion[] =
  EKS_VERSION_CALENDAR.map(
    ({ version, endOfStandardSupport, endOfExtendedSupport }) => ({
      version,
      endOfStandardSupport,
      endOfExtendedSupport,
    }),
  );

const VERSION_PATTERN = /^1\.(\d+)$/;

/** EKS takes "major.minor" only, e.g. "1.35" (not "1.35.0" nor "v1.35"). */
export function isKubernetesVersionSyntax(version: string): boolean {
  return VERSION_PATTERN.test(version);
}

/** Orders "1.9" before "1.10", which a string comparison gets wrong. */
export function compareKubernetesVersions(a: string, b: string): number {
  const minorOf = (version: string) =>
    Number(VERSION_PATTERN.exec(version)?.[1] ?? Number.NaN);
  return minorOf(a) - minorOf(b);
}

export function findKubernetesVersion(
  version: string,
): EksKubernetesVersion | undefined {
  return EKS_KUBERNETES_VERSIONS.find(entry => entry.version === version);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Support phase on a given day, or undefined for a version missing from the table. */
export function supportPhaseOn(
  version: string,
  date: Date,
): KubernetesSupportPhase | undefined {
  const entry = findKubernetesVersion(version);
  if (!entry) return undefined;
  const day = isoDay(date);
  if (day < entry.endOfStandardSupport) return 'standard';
  if (day < entry.endOfExtendedSupport) return 'extended';
  return 'end-of-life';
}

/** Versions still supported on a day, oldest first; extended support is opt-in because it costs more. */
export function kubernetesVersionsSupportedOn(
  date: Date,
  options: { includeExtendedSupport?: boolean } = {},
): string[] {
  const accepted: KubernetesSupportPhase[] = options.includeExtendedSupport
    ? ['standard', 'extended']
    : ['standard'];
  return EKS_KUBERNETES_VERSIONS.filter(entry => {
    const phase = supportPhaseOn(entry.version, date);
    return phase !== undefined && accepted.includes(phase);
  }).map(entry => entry.version);
}
