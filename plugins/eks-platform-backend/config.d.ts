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
  };
}
