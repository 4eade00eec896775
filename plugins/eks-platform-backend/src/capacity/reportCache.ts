/**
 * Caches computed capacity reports per cluster entity, and lets concurrent
 * requests for the same cluster, on any replica, share one upstream fetch.
 */
import { CacheService } from '@backstage/backend-plugin-api';
import { CapacityReport } from '@internal/plugin-eks-platform-common';
import { CacheFill } from '../shared/cacheFill';
import { Leases } from '../shared/leases';

/** A report with a source down is retried sooner than a complete one. */
const PARTIAL_REPORT_TTL_MS = 10_000;

function isPartial(report: CapacityReport): boolean {
  return (
    report.sources.aws.status !== 'ok' ||
    report.sources.kubernetes.status !== 'ok'
  );
}

export class CapacityReportCache {
  private readonly fill: CacheFill;

  constructor(
    cache: CacheService,
    private readonly ttlMs: number,
    leases?: Leases,
  ) {
    this.fill = new CacheFill(cache, leases);
  }

  get(
    entityRef: string,
    compute: () => Promise<CapacityReport>,
  ): Promise<CapacityReport> {
    return this.fill.get(`capacity:v1:${entityRef}`, compute, {
      ttlMs: report =>
        isPartial(report)
          ? Math.min(this.ttlMs, PARTIAL_REPORT_TTL_MS)
          : this.ttlMs,
    });
  }
}
