/**
 * The Kubernetes versions EKS offers now, from DescribeClusterVersions: what the actions
 * check a new cluster's version against and take its default from, and what the form
 * offers. The published calendar in `eks-platform-common` is only the fallback when EKS
 * cannot be asked, and the answer says so in its `note`.
 */
import {
  ClusterVersionInformation,
  EKSClient,
  paginateDescribeClusterVersions,
} from '@aws-sdk/client-eks';
import {
  EksVersionList,
  versionListFromEks,
  versionListFromTable,
} from '@internal/plugin-eks-platform-common';

/** @public */
export async function describeKubernetesVersions(
  eks: EKSClient,
  today: Date,
  logger?: { warn(message: string): void },
): Promise<EksVersionList> {
  let note: string;
  try {
    const all: ClusterVersionInformation[] = [];
    for await (const page of paginateDescribeClusterVersions(
      { client: eks },
      {},
    )) {
      all.push(...(page.clusterVersions ?? []));
    }
    const list = versionListFromEks(all);
    if (list.versions.length > 0) return list;
    note = 'DescribeClusterVersions listed no version';
  } catch (error) {
    const code = (error as { name?: string })?.name;
    note = `DescribeClusterVersions failed: ${code ? `${code}: ` : ''}${
      error instanceof Error ? error.message : String(error)
    }`;
  }
  note += "; using the platform's published version calendar instead";
  logger?.warn(note);
  return versionListFromTable(today, note);
}
