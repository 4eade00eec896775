/**
 * Builds SLO reports: plans the queries, runs them against Prometheus, computes the
 * report in common code, caches it per entity and definition, and lets concurrent
 * identical requests, on any replica, share one computation.
 */
import { createHash } from 'crypto';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import {
  computeSloReport,
  planSloQueries,
  SloDefinition,
  SloQueryResults,
  SloReportResponse,
} from '@internal/plugin-eks-platform-common';
import { PrometheusClient, PrometheusQueryError } from './prometheusClient';
import { CacheFill } from '../shared/cacheFill';
import { Leases } from '../shared/leases';

export interface SloReportServiceOptions {
  cache: CacheService;
  /** Shared by the backend replicas; one process's own when absent. */
  leases?: Leases;
  logger: LoggerService;
  /** Undefined when `eksPlatform.prometheus.baseUrl` is not configured. */
  prometheus?: PrometheusClient;
  cacheTtlSeconds: number;
  now: () => Date;
}

export class SloReportService {
  private readonly fill: CacheFill;

  constructor(private readonly options: SloReportServiceOptions) {
    this.fill = new CacheFill(options.cache, options.leases);
  }

  report(
    entityRef: string,
    definition: SloDefinition,
  ): Promise<SloReportResponse> {
    const key = `slo-report:v1:${entityRef}:${hashOf(definition)}`;
    return this.fill.get(key, () => this.compute(entityRef, definition), {
      // Errors are not cached: the next view retries Prometheus.
      ttlMs: response =>
        response.status === 'ok'
          ? this.options.cacheTtlSeconds * 1000
          : undefined,
    });
  }

  private async compute(
    entityRef: string,
    definition: SloDefinition,
  ): Promise<SloReportResponse> {
    const { prometheus } = this.options;
    if (!prometheus) {
      return {
        entityRef,
        status: 'error',
        definition,
        error: {
          source: 'prometheus',
          message:
            'No Prometheus is configured: set eksPlatform.prometheus.baseUrl',
        },
      };
    }
    const plan = planSloQueries(definition.sli, this.options.now());
    try {
      const answers = await Promise.all(
        plan.queries.map(
          async query => [query.id, await prometheus.run(query)] as const,
        ),
      );
      const results: SloQueryResults = Object.fromEntries(answers);
      return {
        entityRef,
        status: 'ok',
        report: computeSloReport(definition, plan.evaluatedAt, results),
      };
    } catch (error) {
      if (!(error instanceof PrometheusQueryError)) throw error;
      this.options.logger.warn(`SLO report of ${entityRef}: ${error.message}`);
      return {
        entityRef,
        status: 'error',
        definition,
        error: { source: 'prometheus', message: error.message },
      };
    }
  }
}

function hashOf(definition: SloDefinition): string {
  return createHash('sha256')
    .update(JSON.stringify(definition))
    .digest('hex')
    .slice(0, 16);
}
