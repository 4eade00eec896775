/**
 * Composes cost reports: reads a cluster entity's cost allocation and budget, plans its
 * Cost Explorer queries in common code, answers each from the per-query cache (or
 * Cost Explorer), and builds the report in common code. No cost maths lives here.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  buildClusterCostReport,
  buildFinanceCostReport,
  ClusterCostReport,
  CLUSTER_ANNOTATIONS,
  CostAllocation,
  CostBudget,
  CostExplorerQueries,
  costExplorerQueries,
  CostMetric,
  CostPeriods,
  costPeriods,
  DEFAULT_COST_RANGE_MONTHS,
  EnvironmentCostSummary,
  FinanceCostReport,
  onDemandHourlyPrice,
  readCostAllocation,
  readMonthlyBudget,
  summarizeEnvironment,
} from '@internal/plugin-eks-platform-common';
import { CostConfig } from './config';
import {
  CostAndUsageAnswer,
  CostExplorerError,
  CostExplorerSource,
  CostForecastAnswer,
} from './costExplorerSource';
import { CostQueryCache, stableJson } from './queryCache';
import { Coalescer } from '../shared/coalescer';

/** Clusters whose queries run at once for the finance page. */
const CLUSTER_CONCURRENCY = 4;

/**
 * How long this process reuses a composed report. Composing reads every query from the
 * cache store and rebuilds the figures (about 10 ms); page views within a minute share
 * one composition unless an answer was stored meanwhile.
 */
const COMPOSED_REPORT_TTL_MS = 60_000;
const COMPOSED_REPORTS_KEPT = 200;

/** Everything a report needs before any AWS call. */
export interface CostPlan {
  entityRef: string;
  metric: CostMetric;
  months: number;
  now: Date;
  allocation: CostAllocation;
  budget?: CostBudget;
  periods: CostPeriods;
  queries: CostExplorerQueries;
}

export interface FetchOptions {
  /** Bypass the cache and rewrite it (the scheduled refresh). */
  refresh?: boolean;
}

export interface CostReporterOptions {
  source: CostExplorerSource;
  cache: CostQueryCache;
  config: CostConfig;
  logger: LoggerService;
  now?: () => Date;
}

/** Who a finance line is about, from the cluster entity. */
function identityOf(entity: Entity) {
  const annotations = entity.metadata.annotations ?? {};
  const environment = annotations[CLUSTER_ANNOTATIONS.environment];
  const accountId = annotations[CLUSTER_ANNOTATIONS.awsAccountId];
  return {
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title ?? entity.metadata.name,
    ...(environment ? { environment } : {}),
    ...(accountId ? { accountId } : {}),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Like Promise.all, but fails only once every promise has settled: a failed report
 * leaves no query running behind its answer (the others still reach the cache).
 */
async function allSettledOrThrow<T extends readonly unknown[]>(
  promises: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find(
    (outcome): outcome is PromiseRejectedResult =>
      outcome.status === 'rejected',
  );
  if (failed) throw failed.reason;
  return settled.map(
    outcome => (outcome as PromiseFulfilledResult<unknown>).value,
  ) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}

export class CostReporter {
  private readonly now: () => Date;
  /** Concurrent viewers of one report share its composition, not only its queries. */
  private readonly composing = new Coalescer<ClusterCostReport>();
  private readonly composed = new Map<
    string,
    { report: ClusterCostReport; generation: number; expires: number }
  >();

  constructor(private readonly options: CostReporterOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Reads the entity's cost settings; an unusable annotation is the caller's input error. */
  plan(entity: Entity, metric: CostMetric, months: number): CostPlan {
    const entityRef = stringifyEntityRef(entity);
    let allocation: CostAllocation;
    let budget: CostBudget | undefined;
    try {
      allocation = readCostAllocation(entity);
      budget = readMonthlyBudget(entity, this.options.config.monthlyBudgets);
    } catch (error) {
      throw new InputError(messageOf(error));
    }
    const now = this.now();
    const periods = costPeriods(now, months);
    return {
      entityRef,
      metric,
      months,
      now,
      allocation,
      ...(budget ? { budget } : {}),
      periods,
      queries: costExplorerQueries({
        allocation,
        periods,
        metric,
        breakdownTags: this.options.config.breakdownTags,
      }),
    };
  }

  /** Number of Cost Explorer queries (not pages) a plan runs. */
  static queryCount(plan: CostPlan): number {
    return 4 + plan.queries.tags.length;
  }

  async clusterReport(
    entity: Entity,
    metric: CostMetric,
    months: number,
  ): Promise<ClusterCostReport> {
    const plan = this.plan(entity, metric, months);
    const key = stableJson({ ...plan, now: plan.periods.today });
    const recent = this.composed.get(key);
    if (
      recent &&
      recent.generation === this.options.cache.generation &&
      recent.expires > Date.now()
    ) {
      return recent.report;
    }
    return this.composing.run(key, async () => {
      const generation = this.options.cache.generation;
      const report = await this.compose(plan);
      this.remember(key, { report, generation });
      return report;
    });
  }

  private remember(
    key: string,
    entry: { report: ClusterCostReport; generation: number },
  ) {
    this.composed.delete(key);
    this.composed.set(key, {
      ...entry,
      expires: Date.now() + COMPOSED_REPORT_TTL_MS,
    });
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.composed.size > COMPOSED_REPORTS_KEPT) {
      this.composed.delete(this.composed.keys().next().value!);
    }
  }

  private async compose(plan: CostPlan): Promise<ClusterCostReport> {
    const { metric, months } = plan;
    const results = await this.fetch(plan);
    return buildClusterCostReport({
      entityRef: plan.entityRef,
      metric,
      months,
      now: plan.now,
      allocation: plan.allocation,
      periods: plan.periods,
      results,
      ...(plan.budget ? { budget: plan.budget } : {}),
      growthThresholdPercent: this.options.config.growthAlertPercent,
      ...(this.options.config.conversion
        ? { conversion: this.options.config.conversion }
        : {}),
      priceOf: onDemandHourlyPrice,
    });
  }

  /** Every query of the plan, answered from the cache or Cost Explorer. */
  async fetch(plan: CostPlan, options: FetchOptions = {}) {
    const { accountId } = plan.allocation;
    const usage = (request: object) =>
      this.options.cache
        .get<CostAndUsageAnswer>(
          { accountId, operation: 'GetCostAndUsage', request },
          () =>
            this.logged(
              this.options.source.getCostAndUsage(accountId, request),
            ),
          options,
        )
        .then(answer => answer.ResultsByTime);
    const forecast = (request: object) =>
      this.options.cache.get<CostForecastAnswer>(
        { accountId, operation: 'GetCostForecast', request },
        () =>
          this.logged(this.options.source.getCostForecast(accountId, request)),
        options,
      );
    const { queries } = plan;
    const [daily, purchaseAndInstanceType, nodeGroups, tags, forecastAnswer] =
      await allSettledOrThrow([
        usage(queries.daily),
        usage(queries.purchaseAndInstanceType),
        usage(queries.nodeGroups),
        allSettledOrThrow(
          queries.tags.map(async ({ tagKey, request }) => ({
            tagKey,
            results: await usage(request),
          })),
        ),
        forecast(queries.forecast),
      ] as const);
    return {
      daily,
      purchaseAndInstanceType,
      nodeGroups,
      tags,
      ...(forecastAnswer.available
        ? {
            forecast: {
              Total: forecastAnswer.Total,
              ForecastResultsByTime: forecastAnswer.ForecastResultsByTime,
            },
          }
        : {}),
    };
  }

  /** The finance page: one summary per cluster; a failing cluster gets an `error`. */
  async financeReport(
    entities: Entity[],
    metric: CostMetric,
  ): Promise<FinanceCostReport> {
    const now = this.now();
    const { conversion } = this.options.config;
    const summaries = await mapLimit(
      [...entities].sort((a, b) =>
        stringifyEntityRef(a).localeCompare(stringifyEntityRef(b)),
      ),
      CLUSTER_CONCURRENCY,
      async entity => {
        try {
          return {
            entity,
            report: await this.clusterReport(
              entity,
              metric,
              DEFAULT_COST_RANGE_MONTHS,
            ),
          };
        } catch (error) {
          return { entity, error: messageOf(error) };
        }
      },
    );
    const currency =
      conversion?.to ??
      summaries.find(s => s.report)?.report?.currency ??
      'USD';
    // A cluster in another currency loses its figures there, rather than being added.
    const environments: EnvironmentCostSummary[] = summaries.map(
      ({ entity, report, error }) =>
        summarizeEnvironment(identityOf(entity), report ?? { error: error! }),
    );
    return buildFinanceCostReport({
      metric,
      now,
      environments,
      currency,
      ...(conversion ? { conversion } : {}),
    });
  }

  /**
   * Re-runs the queries of a cluster's default report for `metric`, bypassing the
   * cache and rewriting it. Returns how many queries ran.
   */
  async warm(entity: Entity, metric: CostMetric): Promise<number> {
    const plan = this.plan(entity, metric, DEFAULT_COST_RANGE_MONTHS);
    await this.fetch(plan, { refresh: true });
    return CostReporter.queryCount(plan);
  }

  private async logged<T>(call: Promise<T>): Promise<T> {
    try {
      return await call;
    } catch (error) {
      if (error instanceof CostExplorerError) {
        this.options.logger.warn(error.message, {
          accountId: error.accountId,
          operation: error.operation,
        });
      }
      throw error;
    }
  }
}
