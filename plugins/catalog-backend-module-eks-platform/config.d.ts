import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Settings of the EKS platform plugins. */
  eksPlatform?: {
    catalog?: {
      /**
       * Puts one `kubernetes-cluster` Resource entity in the catalog per EKS cluster the
       * environment template created (clusters tagged `eks-platform:task-id`), and removes
       * it when the cluster is gone. Off unless this section is present.
       */
      clusterDiscovery?: {
        /** Accounts to look in. Defaults to every `aws.accounts[].accountId`. */
        accountIds?: string[];
        /** Regions to look in. Defaults to [eu-west-3]. */
        regions?: string[];
        /** How often to look. Defaults to every 5 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
