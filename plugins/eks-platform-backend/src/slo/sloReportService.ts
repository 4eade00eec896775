/**
 * Builds SLO reports: plans the queries, runs them against Prometheus, computes the
 * report in common code, caches it per entity and definition, and lets concurrent
 * identical requests share one computation.
 */
import { createHash } from 'crypto';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import {
  computeSloReport,
  planSloQueries,
  SloDefinition,
  SloQueryResults,
  SloReportResponse,
} from '@internal/plugin-eks-platform-common';
import { PrometheusClient, PrometheusQueryError } from './prometheusClient';
import { Coalescer } from '../shared/coalescer';

export interface SloReportServiceOptions {
  cache: CacheService;
  logger: LoggerService;
  /** Undefined when `eksPlatform.prometheus.baseUrl` is not configured. */
  prometheus?: PrometheusClient;
  cacheTtlSeconds: number;
  now: () => Date;
}

export class SloReportService {
  private readonly inFlight = new Coalescer<SloReportResponse>();

  constructor(private readonly options: SloReportServiceOptions) {}

  async report(
    entityRef: string,
    definition: SloDefinition,
  ): Promise<SloReportResponse> {
    const key = `slo-report:v1:${entityRef}:${hashOf(definition)}`;
    const cached = (await this.options.cache.get(key)) as
      | SloReportResponse
      | undefined;
    if (cached) return cached;
    return this.inFlight.run(key, async () => {
      const response = await this.compute(entityRef, definition);
      // Errors are not cached: the next view retries Prometheus.
      if (response.status === 'ok') {
        await this.options.cache.set(key, response as unknown as JsonValue, {
          ttl: this.options.cacheTtlSeconds * 1000,
        });
      }
      return response;
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
