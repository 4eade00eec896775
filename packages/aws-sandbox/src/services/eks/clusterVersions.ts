import {
  ClusterVersionInformation,
  ClusterVersionStatus,
  DescribeClusterVersionsResponse,
  VersionStatus,
} from '@aws-sdk/client-eks';
import { EksHandler } from './handlerTypes';
import { pageByToken } from './pagination';
import {
  supportPhase,
  supportPhaseOf,
  SupportPhase,
  versionsReleasedBy,
} from './versionCalendar';

const STATUS_OF_PHASE: Record<
  SupportPhase,
  { versionStatus: VersionStatus; status: ClusterVersionStatus }
> = {
  standard: { versionStatus: 'STANDARD_SUPPORT', status: 'standard-support' },
  extended: { versionStatus: 'EXTENDED_SUPPORT', status: 'extended-support' },
  'end-of-life': { versionStatus: 'UNSUPPORTED', status: 'unsupported' },
};

/** Every version EKS knows with its support status on `day`, newest first as EKS lists them. */
export function clusterVersionsOn(day: Date): ClusterVersionInformation[] {
  const versions = versionsReleasedBy(day)
    .reverse()
    .map(entry => ({
      clusterVersion: entry.version,
      clusterType: 'eks',
      defaultPlatformVersion: 'eks.1',
      defaultVersion: false,
      releaseDate: entry.release,
      endOfStandardSupportDate: entry.endOfStandardSupport,
      endOfExtendedSupportDate: entry.endOfExtendedSupport,
      ...STATUS_OF_PHASE[supportPhase(entry, day)],
    }));
  const newestStandard = versions.find(
    v => v.versionStatus === 'STANDARD_SUPPORT',
  );
  if (newestStandard) newestStandard.defaultVersion = true;
  return versions;
}

/** Versions CreateCluster accepts on `day`: those in standard or extended support. */
export function isCreatableVersion(version: string, day: Date): boolean {
  const phase = supportPhaseOf(version, day);
  return phase === 'standard' || phase === 'extended';
}

export function defaultClusterVersion(day: Date): string | undefined {
  return clusterVersionsOn(day).find(v => v.defaultVersion)?.clusterVersion;
}

export const describeClusterVersions: EksHandler = ({ query, context }) => {
  const wanted = query.getAll('clusterVersions');
  const statusFilter = query.get('versionStatus') ?? query.get('status');
  const includeAll = query.get('includeAll') === 'true';
  const defaultOnly = query.get('defaultOnly') === 'true';
  const versions = clusterVersionsOn(context.clock.now()).filter(
    v =>
      (includeAll || wanted.length > 0 || v.versionStatus !== 'UNSUPPORTED') &&
      (wanted.length === 0 || wanted.includes(v.clusterVersion ?? '')) &&
      (!statusFilter ||
        v.versionStatus === statusFilter ||
        v.status === statusFilter) &&
      (!defaultOnly || v.defaultVersion),
  );
  const page = pageByToken(versions, query);
  const result: DescribeClusterVersionsResponse = {
    clusterVersions: page.items,
    nextToken: page.nextToken,
  };
  return result;
};
