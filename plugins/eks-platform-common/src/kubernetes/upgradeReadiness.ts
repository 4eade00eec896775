/** What `GET /upgrade-readiness/:namespace/:name` answers for a managed cluster. */
export interface UpgradeReadiness {
  clusterName: string;
  /** The version the cluster runs now, as EKS reports it. */
  version: string;
  /** EKS's status of that version: STANDARD_SUPPORT, EXTENDED_SUPPORT or UNSUPPORTED. */
  versionStatus?: string;
  endOfStandardSupport?: string;
  endOfExtendedSupport?: string;
  /** The next minor version when EKS offers it in standard support. */
  nextVersion?: string;
  /** Upgrade-readiness insights for the next version, by status. */
  insights: {
    error: number;
    warning: number;
    passing: number;
    unknown: number;
  };
  /** The upgrade template's form, filled in for this environment and the next version. */
  upgradeForm?: {
    environment: string;
    name: string;
    account: string;
    region: string;
    targetVersion: string;
  };
}
