export interface Config {
  /** Settings of the EKS platform plugins. */
  eksPlatform?: {
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
