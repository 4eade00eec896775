import type {
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  EKS_CLUSTER_PROVIDER_NAME,
  eksClusterProviderLocation,
} from '@internal/plugin-eks-platform-common';
import type {
  AwsClientFactory,
  AwsTarget,
} from '@internal/plugin-eks-platform-node';
import { discoverClustersIn } from './discoverClusters';

/** The eks-platform backend trusts the cluster annotations of this provider's entities only. */
export const PROVIDER_NAME = EKS_CLUSTER_PROVIDER_NAME;

/**
 * Keeps one `kubernetes-cluster` Resource per platform-created EKS cluster in the catalog:
 * AWS is the source of truth, so a destroyed environment's entity goes with it. When an
 * account or region cannot be read, the run is abandoned rather than applied, so a
 * transient AWS error never removes entities.
 */
export class EksClusterEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      aws: AwsClientFactory;
      targets: AwsTarget[];
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {}

  getProviderName(): string {
    return PROVIDER_NAME;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${PROVIDER_NAME}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.warn(
            `EKS cluster discovery failed, catalog left unchanged: ${error}`,
          );
        }
      },
    });
  }

  /** Looks in every account and region and replaces the provider's entities. */
  async refresh(): Promise<number> {
    if (!this.connection) {
      throw new Error(`${PROVIDER_NAME} is not connected to the catalog`);
    }
    const entities: Entity[] = [];
    for (const target of this.options.targets) {
      const location = eksClusterProviderLocation(target);
      for (const entity of await discoverClustersIn(this.options.aws, target)) {
        entity.metadata.annotations = {
          ...entity.metadata.annotations,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
        };
        entities.push(entity);
      }
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: PROVIDER_NAME,
      })),
    });
    this.options.logger.info(
      `EKS cluster discovery: ${entities.length} cluster(s) in ${this.options.targets.length} account/region pair(s)`,
    );
    return entities.length;
  }
}
