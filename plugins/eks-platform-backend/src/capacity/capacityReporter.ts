/**
 * Computes one cluster's capacity report: AWS and Kubernetes are read in
 * parallel, and either may fail without taking the other down.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AwsCapacityData,
  buildCapacityReport,
  CapacityReport,
  readEksClusterRef,
  SourceResult,
} from '@internal/plugin-eks-platform-common';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { readAwsCapacity } from './awsCapacitySource';
import {
  KubernetesCapacity,
  KubernetesCapacitySource,
} from './kubernetesCapacitySource';

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.name === 'Error' ? '' : `${error.name}: `}${
      error.message
    }${detail}`;
  }
  return String(error);
}

export class CapacityReporter {
  constructor(
    private readonly aws: AwsClientFactory,
    private readonly kubernetes: KubernetesCapacitySource,
    private readonly logger: LoggerService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async report(entity: Entity): Promise<CapacityReport> {
    const cluster = readEksClusterRef(entity);
    const entityRef = stringifyEntityRef(entity);
    const [aws, kubernetes] = await Promise.all([
      this.settle<AwsCapacityData>('AWS', entityRef, async () => {
        if (!cluster.accountId || !cluster.region) {
          throw new Error(
            'the entity lacks the kubernetes.io/aws-account-id or eks-platform/region annotation',
          );
        }
        return readAwsCapacity(
          this.aws,
          { accountId: cluster.accountId, region: cluster.region },
          cluster.clusterName,
        );
      }),
      this.settle<KubernetesCapacity>('Kubernetes', entityRef, () =>
        this.kubernetes.read(cluster.entityName),
      ),
    ]);
    return buildCapacityReport({
      cluster: {
        entityRef,
        clusterName: cluster.clusterName,
        ...(cluster.accountId ? { accountId: cluster.accountId } : {}),
        ...(cluster.region ? { region: cluster.region } : {}),
      },
      aws,
      kubernetes: kubernetes.ok
        ? { ok: true, data: kubernetes.data.nodes }
        : kubernetes,
      metrics: kubernetes.ok
        ? kubernetes.data.metrics
        : { status: 'unavailable', reason: 'Kubernetes is unreachable' },
      ...(kubernetes.ok
        ? {
            autoscaler: kubernetes.data.autoscaler,
            pendingPods: kubernetes.data.pendingPods,
          }
        : {}),
      generatedAt: this.now(),
    });
  }

  private async settle<T>(
    source: string,
    entityRef: string,
    read: () => Promise<T>,
  ): Promise<SourceResult<T>> {
    try {
      return { ok: true, data: await read() };
    } catch (error) {
      const reason = reasonOf(error);
      this.logger.warn(
        `Capacity of ${entityRef}: ${source} side unavailable: ${reason}`,
      );
      return { ok: false, reason };
    }
  }
}
