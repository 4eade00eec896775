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

/** The minor number of "1.35" (35); NaN for anything else. */
export function kubernetesMinorOf(version: string): number {
  return Number(VERSION_PATTERN.exec(version)?.[1] ?? Number.NaN);
}

/** The version one minor above: what EKS may upgrade "1.35" to ("1.36"). */
export function nextKubernetesVersion(version: string): string {
  return `1.${kubernetesMinorOf(version) + 1}`;
}

/** Orders "1.9" before "1.10", which a string comparison gets wrong. */
export function compareKubernetesVersions(a: string, b: string): number {
  return kubernetesMinorOf(a) - kubernetesMinorOf(b);
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

/** One version as EKS reports it now (DescribeClusterVersions), or the table says. */
export interface EksVersionInfo {
  version: string;
  phase: KubernetesSupportPhase;
  /** ISO dates, when known. */
  endOfStandardSupport?: string;
  endOfExtendedSupport?: string;
  /** EKS's default for new clusters. */
  isDefault: boolean;
}

export interface EksVersionList {
  /** Newest first. */
  versions: EksVersionInfo[];
  /** `eks`: DescribeClusterVersions answered; `table`: the fallback table below. */
  source: 'eks' | 'table';
  /** Why the table was used. */
  note?: string;
}

/** The shape of DescribeClusterVersions' `clusterVersions` entries this product reads. */
export interface ClusterVersionInformationLike {
  clusterVersion?: string;
  versionStatus?: string;
  defaultVersion?: boolean;
  endOfStandardSupportDate?: Date;
  endOfExtendedSupportDate?: Date;
}

const PHASE_OF_STATUS: Record<string, KubernetesSupportPhase> = {
  STANDARD_SUPPORT: 'standard',
  EXTENDED_SUPPORT: 'extended',
  UNSUPPORTED: 'end-of-life',
};

const newestFirst = (a: EksVersionInfo, b: EksVersionInfo) =>
  compareKubernetesVersions(b.version, a.version);

/** The list EKS answered, newest first. */
export function versionListFromEks(
  clusterVersions: readonly ClusterVersionInformationLike[],
): EksVersionList {
  const day = (date?: Date) => (date ? isoDay(new Date(date)) : undefined);
  const versions = clusterVersions
    .filter(v => v.clusterVersion && PHASE_OF_STATUS[v.versionStatus ?? ''])
    .map(v => ({
      version: v.clusterVersion!,
      phase: PHASE_OF_STATUS[v.versionStatus!],
      endOfStandardSupport: day(v.endOfStandardSupportDate),
      endOfExtendedSupport: day(v.endOfExtendedSupportDate),
      isDefault: v.defaultVersion === true,
    }))
    .sort(newestFirst);
  return { versions, source: 'eks' };
}

/**
 * The fallback when EKS cannot be asked: the published calendar on `today`. It goes stale
 * (it knows no version released after it was written), so it is only used with a note.
 */
export function versionListFromTable(
  today: Date,
  note: string,
): EksVersionList {
  const versions = EKS_KUBERNETES_VERSIONS.map(entry => ({
    version: entry.version,
    phase: supportPhaseOn(entry.version, today)!,
    endOfStandardSupport: entry.endOfStandardSupport,
    endOfExtendedSupport: entry.endOfExtendedSupport,
    isDefault: false,
  }))
    .filter(v => v.phase !== 'end-of-life')
    .sort(newestFirst);
  return { versions, source: 'table', note };
}

/**
 * Versions a new cluster may have: standard support only. Clusters are created with
 * `upgradePolicy.supportType: STANDARD`, which EKS does not allow for a version in extended
 * support; and extended support costs six times as much per cluster hour.
 */
export function creatableVersions(list: EksVersionList): string[] {
  return list.versions.filter(v => v.phase === 'standard').map(v => v.version);
}

/** EKS's default when it is in standard support, else the newest such version. */
export function defaultCreatableVersion(
  list: EksVersionList,
): string | undefined {
  const standard = list.versions.filter(v => v.phase === 'standard');
  return (standard.find(v => v.isDefault) ?? standard[0])?.version;
}

/** What is wrong with `value` as a new cluster's version; undefined if nothing. */
export function creatableVersionProblem(
  value: string,
  list: EksVersionList,
): string | undefined {
  const allowed = creatableVersions(list);
  if (allowed.includes(value)) return undefined;
  const known = list.versions.find(v => v.version === value);
  const source =
    list.source === 'eks'
      ? 'DescribeClusterVersions'
      : "the platform's version table";
  let why = 'is not one EKS offers';
  if (known?.phase === 'extended') {
    why = `is in extended support (paid)${
      known.endOfExtendedSupport ? ` until ${known.endOfExtendedSupport}` : ''
    }; new clusters are created in standard support only`;
  } else if (known?.phase === 'end-of-life') why = 'is out of all EKS support';
  return `Kubernetes ${value} ${why}; ${source} lists ${
    allowed.join(', ') || 'none'
  } in standard support`;
}
