/**
 * The EKS Kubernetes version calendar as AWS published it.
 *
 * Source: "Understand the Kubernetes version lifecycle on EKS"
 * (docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html), release calendar
 * table: Amazon EKS release, end of standard support, end of extended support. Standard
 * support lasts 14 months from the EKS release, extended support 12 months more.
 *
 * A snapshot, not the truth at run time: EKS publishes new versions after this table was
 * written, so readers must ask DescribeClusterVersions.
 */

export interface EksVersionFacts {
  version: string;
  /** ISO dates (UTC). */
  eksRelease: string;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
}

function version(
  name: string,
  eksRelease: string,
  endOfStandardSupport: string,
  endOfExtendedSupport: string,
): EksVersionFacts {
  return {
    version: name,
    eksRelease,
    endOfStandardSupport,
    endOfExtendedSupport,
  };
}

/** Oldest first. */
export const EKS_VERSION_CALENDAR: readonly EksVersionFacts[] = [
  version('1.28', '2023-09-26', '2024-11-26', '2025-11-26'),
  version('1.29', '2024-01-23', '2025-03-23', '2026-03-23'),
  version('1.30', '2024-05-23', '2025-07-23', '2026-07-23'),
  version('1.31', '2024-09-26', '2025-11-26', '2026-11-26'),
  version('1.32', '2025-01-23', '2026-03-23', '2027-03-23'),
  version('1.33', '2025-05-29', '2026-07-29', '2027-07-29'),
  version('1.34', '2025-10-02', '2026-12-02', '2027-12-02'),
  version('1.35', '2026-01-27', '2027-03-27', '2028-03-27'),
];
