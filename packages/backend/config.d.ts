export interface Config {
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
