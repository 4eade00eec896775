/**
 * GetCostAndUsage. Pages hold at most `periodsPerPage` ResultsByTime entries (default
 * 40) when not grouped, or `groupsPerPage` groups (default 500) when grouped; a period
 * whose groups do not fit continues on the next page under the same TimePeriod, as AWS
 * does.
 */
import {
  DimensionValuesWithAttributes,
  GetCostAndUsageRequest,
  GetCostAndUsageResponse,
  Group,
  ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import { DAY_MS, Period, parseDay, splitPeriods, startOfDay } from './dates';
import { validateExpression } from './filter';
import { CostExplorerOptions, CostLedger } from './ledger';
import { LineItem } from './lineItems';
import { CostAndUsageMetric, metricValues } from './metrics';
import { decodePageToken, encodePageToken } from './pagination';
import {
  checkGranularity,
  checkGroupBy,
  checkHistoryPeriod,
  checkMetrics,
  Grouping,
} from './requestValidation';

export type CostAndUsageResult = Omit<GetCostAndUsageResponse, '$metadata'>;

const DEFAULT_PERIODS_PER_PAGE = 40;
const DEFAULT_GROUPS_PER_PAGE = 500;

/** Tag groups read "<key>$<value>", and "<key>$" for resources without the tag. */
function groupKey(item: LineItem, grouping: Grouping): string {
  if (grouping.type === 'TAG') {
    return `${grouping.key}$${item.tags[grouping.key] ?? ''}`;
  }
  return item.dimensions[grouping.key];
}

function groupsOf(
  items: LineItem[],
  groupings: Grouping[],
  metrics: CostAndUsageMetric[],
): Group[] {
  const byKeys = new Map<string, { keys: string[]; items: LineItem[] }>();
  for (const item of items) {
    const keys = groupings.map(grouping => groupKey(item, grouping));
    const id = JSON.stringify(keys);
    const group = byKeys.get(id) ?? { keys, items: [] };
    group.items.push(item);
    byKeys.set(id, group);
  }
  return [...byKeys.values()]
    .sort((a, b) => a.keys.join('\u0000').localeCompare(b.keys.join('\u0000')))
    .map(group => ({
      Keys: group.keys,
      Metrics: metricValues(metrics, group.items),
    }));
}

/** Today and yesterday are not final yet, nor is any period that contains them. */
function isEstimated(period: Period, nowMs: number): boolean {
  const yesterday = startOfDay(nowMs) - DAY_MS;
  return (parseDay(period.End) as number) > yesterday;
}

interface Cell {
  periodIndex: number;
  group?: Group;
}

/** Cuts grouped results into pages of groups; a period without groups still shows. */
function pageOfGroups(
  results: ResultByTime[],
  offset: number,
  size: number,
): { page: ResultByTime[]; nextOffset?: number } {
  const cells: Cell[] = results.flatMap((result, periodIndex) =>
    result.Groups?.length
      ? result.Groups.map(group => ({ periodIndex, group }))
      : [{ periodIndex }],
  );
  const slice = cells.slice(offset, offset + size);
  const page: ResultByTime[] = [];
  for (const cell of slice) {
    const last = page[page.length - 1];
    const source = results[cell.periodIndex];
    const entry =
      last && last.TimePeriod === source.TimePeriod
        ? last
        : { ...source, Groups: [] as Group[] };
    if (entry !== last) page.push(entry);
    if (cell.group) entry.Groups?.push(cell.group);
  }
  const next = offset + size;
  return { page, nextOffset: next < cells.length ? next : undefined };
}

function linkedAccountAttributes(
  results: ResultByTime[],
  groupings: Grouping[],
  ledger: CostLedger,
): DimensionValuesWithAttributes[] {
  const position = groupings.findIndex(
    grouping =>
      grouping.type === 'DIMENSION' && grouping.key === 'LINKED_ACCOUNT',
  );
  if (position < 0) return [];
  const accounts = new Set(
    results.flatMap(result =>
      (result.Groups ?? []).map(group => group.Keys?.[position] ?? ''),
    ),
  );
  return [...accounts].sort().map(accountId => ({
    Value: accountId,
    Attributes: { description: ledger.accountDescription(accountId) },
  }));
}

export function getCostAndUsage(
  request: GetCostAndUsageRequest,
  ledger: CostLedger,
  options: CostExplorerOptions = {},
): CostAndUsageResult {
  const period = checkHistoryPeriod(request.TimePeriod, ledger.nowMs);
  const granularity = checkGranularity(request.Granularity);
  const metrics = checkMetrics(request.Metrics);
  const groupings = checkGroupBy(request.GroupBy);
  if (request.Filter) validateExpression(request.Filter);
  const offset = decodePageToken(request);

  const results: ResultByTime[] = splitPeriods(
    period.Start,
    period.End,
    granularity,
  ).map(timePeriod => {
    const items = ledger.recorded(
      timePeriod.Start,
      timePeriod.End,
      request.Filter,
    );
    return {
      TimePeriod: timePeriod,
      Total: groupings.length ? {} : metricValues(metrics, items),
      Groups: groupings.length ? groupsOf(items, groupings, metrics) : [],
      Estimated: isEstimated(timePeriod, ledger.nowMs),
    };
  });

  let page: ResultByTime[];
  let nextOffset: number | undefined;
  if (groupings.length) {
    ({ page, nextOffset } = pageOfGroups(
      results,
      offset,
      options.groupsPerPage ?? DEFAULT_GROUPS_PER_PAGE,
    ));
  } else {
    const size = options.periodsPerPage ?? DEFAULT_PERIODS_PER_PAGE;
    page = results.slice(offset, offset + size);
    nextOffset = offset + size < results.length ? offset + size : undefined;
  }
  return {
    ...(request.GroupBy?.length ? { GroupDefinitions: request.GroupBy } : {}),
    ResultsByTime: page,
    DimensionValueAttributes: linkedAccountAttributes(page, groupings, ledger),
    ...(nextOffset !== undefined
      ? { NextPageToken: encodePageToken(request, nextOffset) }
      : {}),
  };
}
