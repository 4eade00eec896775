export interface Config {
  auth?: {
    providers?: {
      /**
       * Development only: sign in as any catalog user, without a password, by
       * name in the `x-development-user` header
       * (src/modules/developmentSignIn.ts). Only app-config.development.yaml
       * configures it (`development: {}`); the backend refuses to start with it
       * unless NODE_ENV is `development` or `test` and `auth.environment` is
       * unset or `development`.
       */
      development?: object;
    };
  };
  eksPlatform?: {
    /** The product's permission policy (packages/backend/src/modules/permissionPolicy.ts). */
    permissions?: {
      /**
       * Entity refs granted `eks-platform.cost.read` (a cluster's cost tab and the
       * finance page): a signed-in user whose ownership refs (the user and its
       * groups) include one of them. Default:
       * `['group:default/finance', 'group:default/platform-team']`.
       */
      costReaders?: string[];
    };
  };
}
