import {
  ClusterVersionInformation,
  ClusterVersionStatus,
  DescribeClusterVersionsResponse,
  VersionStatus,
} from '@aws-sdk/client-eks';
import {
  EKS_KUBERNETES_VERSIONS,
  KubernetesSupportPhase,
  supportPhaseOn,
} from '@internal/plugin-eks-platform-common';
import { EksHandler } from './handlerTypes';
import { pageByToken } from './pagination';

const STATUS_OF_PHASE: Record<
  KubernetesSupportPhase,
  { versionStatus: VersionStatus; status: ClusterVersionStatus }
> = {
  standard: { versionStatus: 'STANDARD_SUPPORT', status: 'standard-support' },
  extended: { versionStatus: 'EXTENDED_SUPPORT', status: 'extended-support' },
  'end-of-life': { versionStatus: 'UNSUPPORTED', status: 'unsupported' },
};

/** Standard support lasts 14 months from release on EKS, which gives release dates. */
const STANDARD_SUPPORT_MONTHS = 14;

function releaseDateOf(endOfStandardSupport: string): Date {
  const date = new Date(`${endOfStandardSupport}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - STANDARD_SUPPORT_MONTHS);
  return date;
}

/** Every version EKS knows with its support status on `day`, newest first as EKS lists them. */
export function clusterVersionsOn(day: Date): ClusterVersionInformation[] {
  const versions = [...EKS_KUBERNETES_VERSIONS].reverse().map(entry => {
    const phase = supportPhaseOn(entry.version, day) ?? 'end-of-life';
    return {
      clusterVersion: entry.version,
      clusterType: 'eks',
      defaultPlatformVersion: 'eks.1',
      defaultVersion: false,
      releaseDate: releaseDateOf(entry.endOfStandardSupport),
      endOfStandardSupportDate: new Date(
        `${entry.endOfStandardSupport}T00:00:00Z`,
      ),
      endOfExtendedSupportDate: new Date(
        `${entry.endOfExtendedSupport}T00:00:00Z`,
      ),
      ...STATUS_OF_PHASE[phase],
    };
  });
  const newestStandard = versions.find(
    v => v.versionStatus === 'STANDARD_SUPPORT',
  );
  if (newestStandard) newestStandard.defaultVersion = true;
  return versions;
}

/** Versions CreateCluster accepts on `day`: those in standard or extended support. */
export function isCreatableVersion(version: string, day: Date): boolean {
  const phase = supportPhaseOn(version, day);
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
