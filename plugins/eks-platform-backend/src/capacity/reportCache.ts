/**
 * Caches computed capacity reports per cluster entity, and lets concurrent
 * requests for the same cluster share one upstream fetch.
 */
import { CacheService } from '@backstage/backend-plugin-api';
import { CapacityReport } from '@internal/plugin-eks-platform-common';
import { JsonValue } from '@backstage/types';
import { Coalescer } from '../shared/coalescer';

/** A report with a source down is retried sooner than a complete one. */
const PARTIAL_REPORT_TTL_MS = 10_000;

function isPartial(report: CapacityReport): boolean {
  return (
    report.sources.aws.status !== 'ok' ||
    report.sources.kubernetes.status !== 'ok'
  );
}

export class CapacityReportCache {
  private readonly inFlight = new Coalescer<CapacityReport>();

  constructor(
    private readonly cache: CacheService,
    private readonly ttlMs: number,
  ) {}

  async get(
    entityRef: string,
    compute: () => Promise<CapacityReport>,
  ): Promise<CapacityReport> {
    const key = `capacity:v1:${entityRef}`;
    return this.inFlight.run(key, () => this.load(key, compute));
  }

  private async load(
    key: string,
    compute: () => Promise<CapacityReport>,
  ): Promise<CapacityReport> {
    const cached = await this.cache.get<JsonValue>(key);
    if (cached) return cached as unknown as CapacityReport;
    const report = await compute();
    const ttl = isPartial(report)
      ? Math.min(this.ttlMs, PARTIAL_REPORT_TTL_MS)
      : this.ttlMs;
    await this.cache.set(key, report as unknown as JsonValue, { ttl });
    return report;
  }
}
