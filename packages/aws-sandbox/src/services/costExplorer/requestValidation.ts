/**
 * Input checks shared by the Cost Explorer operations, with AWS's error codes. Messages
 * quoted from AWS where known (time period, GroupBy, expressions); the others follow
 * the same style.
 */
import {
  DateInterval,
  Granularity,
  GroupDefinition,
} from '@aws-sdk/client-cost-explorer';
import { AwsError } from '../../core/types';
import { addMonths, parseDay, startOfMonth } from './dates';
import { checkDimensionKey } from './filter';
import { CostDimension } from './lineItems';
import {
  COST_AND_USAGE_METRICS,
  CostAndUsageMetric,
  isCostAndUsageMetric,
} from './metrics';
import { validationError } from './validationError';

/** Months of history Cost Explorer keeps by default: the current one and 13 before. */
export const HISTORY_MONTHS = 14;

export interface CheckedPeriod {
  Start: string;
  End: string;
  startMs: number;
  endMs: number;
}

/** Start and End as YYYY-MM-DD, Start before End. */
export function checkDateInterval(
  period: DateInterval | undefined,
): CheckedPeriod {
  const startMs = parseDay(period?.Start);
  if (startMs === undefined) {
    throw validationError(
      `Start time ${
        period?.Start ?? ''
      } is invalid. Valid format is: yyyy-MM-dd.`,
    );
  }
  const endMs = parseDay(period?.End);
  if (endMs === undefined) {
    throw validationError(
      `End time ${period?.End ?? ''} is invalid. Valid format is: yyyy-MM-dd.`,
    );
  }
  if (startMs >= endMs) {
    throw validationError(
      'Start date (and hour) should be before end date (and hour)',
    );
  }
  return {
    Start: period?.Start as string,
    End: period?.End as string,
    startMs,
    endMs,
  };
}

/** A period of recorded history: no later than next month, no older than 14 months. */
export function checkHistoryPeriod(
  period: DateInterval | undefined,
  nowMs: number,
): CheckedPeriod {
  const checked = checkDateInterval(period);
  const currentMonth = startOfMonth(nowMs);
  if (checked.endMs > addMonths(currentMonth, 1)) {
    throw validationError('end date past the beginning of next month');
  }
  if (checked.startMs < addMonths(currentMonth, 1 - HISTORY_MONTHS)) {
    throw new AwsError(
      'DataUnavailableException',
      'Data is not available. Please try to adjust the time period. If just enabled Cost Explorer, data might not be ingested yet',
      400,
    );
  }
  return checked;
}

export type SupportedGranularity = 'DAILY' | 'MONTHLY';

/** DAILY or MONTHLY; AWS's older default is MONTHLY when none is given. */
export function checkGranularity(
  granularity: Granularity | string | undefined,
): SupportedGranularity {
  if (granularity === undefined) return 'MONTHLY';
  if (granularity === 'DAILY' || granularity === 'MONTHLY') return granularity;
  if (granularity === 'HOURLY') {
    throw validationError(
      'Hourly granularity is not enabled for this account. Enable hourly granularity in the Cost Explorer preferences',
    );
  }
  throw validationError(
    `Granularity ${granularity} is invalid. Valid values are DAILY, MONTHLY, HOURLY`,
  );
}

export function checkMetrics(
  metrics: string[] | undefined,
): CostAndUsageMetric[] {
  if (!metrics?.length) {
    throw validationError('Metrics must be specified');
  }
  const unknown = metrics.filter(metric => !isCostAndUsageMetric(metric));
  if (unknown.length) {
    throw validationError(
      `Metrics are invalid: [${unknown.join(
        ', ',
      )}]. Valid values are ${COST_AND_USAGE_METRICS.join(', ')}`,
    );
  }
  return metrics as CostAndUsageMetric[];
}

export type Grouping =
  | { type: 'DIMENSION'; key: CostDimension }
  | { type: 'TAG'; key: string };

export function checkGroupBy(
  groupBy: GroupDefinition[] | undefined,
): Grouping[] {
  const definitions = groupBy ?? [];
  if (definitions.length > 2) {
    throw validationError('Only two values for GroupBy are allowed');
  }
  return definitions.map(({ Type, Key }): Grouping => {
    if (!Type || !Key) {
      throw validationError(
        'Group Definition is invalid. Both type an key need to be set to a non-empty value.',
      );
    }
    if (Type === 'TAG') return { type: 'TAG', key: Key };
    if (Type === 'DIMENSION') {
      return {
        type: 'DIMENSION',
        key: checkDimensionKey(Key, 'Group Definition dimension'),
      };
    }
    if (Type === 'COST_CATEGORY') {
      throw validationError(
        'aws-sandbox does not model cost categories (COST_CATEGORY group)',
      );
    }
    throw validationError('Group Definition type is invalid.');
  });
}
