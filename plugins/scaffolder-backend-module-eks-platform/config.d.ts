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
  };
}
