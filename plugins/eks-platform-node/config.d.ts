export interface Config {
  /** Settings of the EKS platform plugins. */
  eksPlatform?: {
    /** Who the default permission policy lets create, destroy and adopt environments. */
    permissions?: {
      /**
       * Entity refs allowed to create and destroy dev and staging environments owned by one
       * of their groups. Default: `['group:default/platform-team']`.
       */
      environmentAdmins?: string[];
      /**
       * Entity refs allowed to create, destroy and adopt every environment, production
       * included, for any owner. Default: `['group:default/platform-team']`.
       */
      productionAdmins?: string[];
      /**
       * AWS account ids, besides the environment's own, whose IAM roles may be made
       * cluster administrator. Default: none.
       */
      adminPrincipalAccounts?: string[];
    };
    aws?: {
      /**
       * Endpoint every AWS client of the EKS platform sends its requests to, instead of the
       * regional AWS endpoints. Leave unset for real AWS; set it to reach an AWS-compatible
       * endpoint (a VPC interface endpoint proxy or a local emulator).
       */
      endpoint?: string;
      /**
       * Attempts per AWS call, including the first, under the SDK's adaptive retry mode,
       * which backs off on throttling and 5xx errors. Defaults to 5.
       */
      maxAttempts?: number;
    };
  };
}
