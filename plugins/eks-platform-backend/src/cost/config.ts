/**
 * `eksPlatform.cost.*`, read and validated once at startup: a mistake fails the plugin's
 * start with the key named, instead of surfacing as odd figures on the finance page.
 */
import { Config } from '@backstage/config';
import {
  CurrencyConversion,
  tagProblem,
} from '@internal/plugin-eks-platform-common';

/** Cost Explorer bills every request; six hours keeps a busy portal to a few calls a day. */
export const DEFAULT_COST_CACHE_TTL_SECONDS = 6 * 3600;
export const DEFAULT_COST_REFRESH_INTERVAL_MINUTES = 240;
export const DEFAULT_GROWTH_ALERT_PERCENT = 20;
export const DEFAULT_BREAKDOWN_TAGS = ['cost-center', 'owner'];
/** The currency Cost Explorer reports in. */
export const AWS_COST_CURRENCY = 'USD';

const KEY = 'eksPlatform.cost';
/** Breakdown queries are paid per tag, per cluster and per metric. */
const MAX_BREAKDOWN_TAGS = 10;
const ISO_4217 = /^[A-Z]{3}$/;

export interface CostConfig {
  cacheTtlMs: number;
  refreshIntervalMinutes: number;
  growthAlertPercent: number;
  breakdownTags: string[];
  /** Environment name → monthly budget in the report currency. */
  monthlyBudgets: Record<string, number>;
  conversion?: CurrencyConversion;
}

function positive(key: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${KEY}.${key} must be a positive number, got ${value}`);
  }
  return value;
}

function breakdownTags(config?: Config): string[] {
  const tags =
    config?.getOptionalStringArray('breakdownTags') ?? DEFAULT_BREAKDOWN_TAGS;
  for (const tag of tags) {
    const problem = tagProblem(tag, 'key');
    if (problem) throw new Error(`${KEY}.breakdownTags: ${problem}`);
  }
  if (new Set(tags).size !== tags.length) {
    throw new Error(`${KEY}.breakdownTags must not repeat a tag key`);
  }
  if (tags.length > MAX_BREAKDOWN_TAGS) {
    throw new Error(
      `${KEY}.breakdownTags: at most ${MAX_BREAKDOWN_TAGS} tag keys (each costs one Cost Explorer query per cluster)`,
    );
  }
  return tags;
}

function monthlyBudgets(config?: Config): Record<string, number> {
  const budgets = config?.getOptionalConfig('monthlyBudgets');
  if (!budgets) return {};
  return Object.fromEntries(
    budgets
      .keys()
      .map(environment => [
        environment,
        positive(
          `monthlyBudgets.${environment}`,
          budgets.getNumber(environment),
        ),
      ]),
  );
}

function conversion(config?: Config): CurrencyConversion | undefined {
  const currency = config?.getOptionalConfig('currency');
  if (!currency) return undefined;
  const code = currency.getString('code');
  if (!ISO_4217.test(code)) {
    throw new Error(
      `${KEY}.currency.code must be an ISO 4217 code such as EUR, got '${code}'`,
    );
  }
  return {
    from: AWS_COST_CURRENCY,
    to: code,
    rate: positive('currency.rate', currency.getNumber('rate')),
  };
}

export function readCostConfig(root: Config): CostConfig {
  const config = root.getOptionalConfig(KEY);
  const growthAlertPercent =
    config?.getOptionalNumber('growthAlertPercent') ??
    DEFAULT_GROWTH_ALERT_PERCENT;
  if (!Number.isFinite(growthAlertPercent) || growthAlertPercent < 0) {
    throw new Error(
      `${KEY}.growthAlertPercent must be a number >= 0, got ${growthAlertPercent}`,
    );
  }
  const refreshIntervalMinutes = positive(
    'refreshIntervalMinutes',
    config?.getOptionalNumber('refreshIntervalMinutes') ??
      DEFAULT_COST_REFRESH_INTERVAL_MINUTES,
  );
  const converted = conversion(config);
  return {
    cacheTtlMs:
      positive(
        'cacheTtlSeconds',
        config?.getOptionalNumber('cacheTtlSeconds') ??
          DEFAULT_COST_CACHE_TTL_SECONDS,
      ) * 1000,
    refreshIntervalMinutes,
    growthAlertPercent,
    breakdownTags: breakdownTags(config),
    monthlyBudgets: monthlyBudgets(config),
    ...(converted ? { conversion: converted } : {}),
  };
}
