export interface Config {
  eksPlatform?: {
    /** Prometheus that holds the SLIs of the clusters' workloads. */
    prometheus?: {
      /**
       * Base URL of the Prometheus HTTP API, e.g. https://prometheus.example.com. Only this
       * URL is ever queried: requests never choose it.
       */
      baseUrl: string;
    };
    capacity?: {
      /** How long a cluster's capacity report is cached, in seconds. Default 60. */
      cacheTtlSeconds?: number;
    };
    slo?: {
      /** How long an SLO report is cached, in seconds. Default 300. */
      cacheTtlSeconds?: number;
    };
    /** AWS cost from Cost Explorer: a cluster's cost tab and the finance page. */
    cost?: {
      /**
       * How long one Cost Explorer answer (one query of one account) is cached, in
       * seconds. Every Cost Explorer request is billed. Default 21600 (6 hours).
       */
      cacheTtlSeconds?: number;
      /**
       * Minutes between two runs of the scheduled refresh, which re-runs the queries of
       * every cluster's default cost tab and of the finance page so views hit a warm
       * cache. Keep it below cacheTtlSeconds. Default 240.
       */
      refreshIntervalMinutes?: number;
      /**
       * Month-to-date growth over the same days of the previous month, in percent,
       * above which a cluster's cost is flagged. Default 20.
       */
      growthAlertPercent?: number;
      /**
       * Tag keys the cost of a cluster is broken down by, one Cost Explorer query each.
       * The tags must be activated as cost allocation tags in AWS Billing.
       * Default ['cost-center', 'owner'].
       */
      breakdownTags?: string[];
      /**
       * Monthly budget per environment (the `eks-platform/environment` annotation of
       * the cluster entity), in the report currency. The
       * `eks-platform/cost-monthly-budget` annotation of an entity takes precedence.
       */
      monthlyBudgets?: {
        [environment: string]: number;
      };
      /**
       * Converts Cost Explorer's amounts (USD) into another currency for display; every
       * amount is multiplied by rate.
       */
      currency?: {
        /** ISO 4217 code of the displayed currency, e.g. EUR. */
        code: string;
        /** Units of `code` per US dollar, e.g. 0.92. */
        rate: number;
      };
    };
  };
}
