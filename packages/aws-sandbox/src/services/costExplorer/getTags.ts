/** GetTags: the tag keys seen in a period, or the values of one key. */
import { GetTagsRequest, GetTagsResponse } from '@aws-sdk/client-cost-explorer';
import { validateExpression } from './filter';
import { CostLedger } from './ledger';
import { listPage } from './listPage';
import { checkHistoryPeriod } from './requestValidation';

export type TagsResult = Omit<GetTagsResponse, '$metadata'>;

export function getTags(
  request: GetTagsRequest,
  ledger: CostLedger,
): TagsResult {
  const period = checkHistoryPeriod(request.TimePeriod, ledger.nowMs);
  if (request.Filter) validateExpression(request.Filter);
  const items = ledger.recorded(period.Start, period.End, request.Filter);
  const tagKey = request.TagKey;
  const found = new Set(
    items.flatMap(item => {
      if (tagKey === undefined) return Object.keys(item.tags);
      const value = item.tags[tagKey];
      return value === undefined || value === '' ? [] : [value];
    }),
  );
  const { page, totalSize, nextPageToken } = listPage(
    request,
    [...found],
    tag => tag,
  );
  return {
    Tags: page,
    ReturnSize: page.length,
    TotalSize: totalSize,
    ...(nextPageToken ? { NextPageToken: nextPageToken } : {}),
  };
}
