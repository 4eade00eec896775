export interface Config {
  /** Settings of the EKS platform plugins. */
  eksPlatform?: {
    network?: {
      /**
       * The "VPCs per Region" quota of the accounts environments are created in (Service
       * Quotas L-F678F1CE). The network action checks there is room for one more VPC
       * before creating anything. Defaults to AWS's default of 5; set it when the quota
       * was raised.
       */
      vpcsPerRegion?: number;
    };
    upgrade?: {
      /**
       * Percent of a production cluster's 30-day SLO error budget that must be left for
       * `eks-platform:cluster:upgrade` to start (its SLO report, read with the initiator's
       * credentials); below it, or when the report cannot be read, the upgrade is refused
       * with the figure. 0 to 100; 25 by default.
       */
      productionErrorBudgetFloorPercent?: number;
    };
    argocd?: {
      /**
       * ArgoCD servers `eks-platform:argocd:register` can create projects, clusters and
       * applications in (api mode), selected by name with its `argocdInstance` input. The
       * eks-platform backend's Deployments routes read applications from the first one, or
       * the one an entity's `argocd/instance-name` annotation names.
       */
      instances?: Array<{
        /** The name templates select the instance by, e.g. `platform`. */
        name: string;
        /** Base URL of the ArgoCD UI and API, e.g. https://argocd.example.com. */
        url: string;
        /**
         * API token of an ArgoCD account allowed to manage projects, clusters and
         * applications. A template secret `argocdToken` takes precedence.
         * @visibility secret
         */
        token?: string;
      }>;
    };
  };
}
