/** GetDimensionValues: the values a dimension takes in a period, for pickers in UIs. */
import {
  DimensionValuesWithAttributes,
  GetDimensionValuesRequest,
  GetDimensionValuesResponse,
} from '@aws-sdk/client-cost-explorer';
import { checkDimensionKey, validateExpression } from './filter';
import { CostLedger } from './ledger';
import { listPage } from './listPage';
import { checkHistoryPeriod } from './requestValidation';
import { validationError } from './validationError';

export type DimensionValuesResult = Omit<
  GetDimensionValuesResponse,
  '$metadata'
>;

export function getDimensionValues(
  request: GetDimensionValuesRequest,
  ledger: CostLedger,
): DimensionValuesResult {
  const period = checkHistoryPeriod(request.TimePeriod, ledger.nowMs);
  const dimension = checkDimensionKey(request.Dimension);
  if (request.Context && request.Context !== 'COST_AND_USAGE') {
    throw validationError(
      `aws-sandbox does not model the ${request.Context} context`,
    );
  }
  if (request.Filter) validateExpression(request.Filter);
  const values = new Set(
    ledger
      .recorded(period.Start, period.End, request.Filter)
      .map(item => item.dimensions[dimension]),
  );
  const { page, totalSize, nextPageToken } = listPage(
    request,
    [...values],
    value => value,
  );
  const dimensionValues = page.map(
    (value): DimensionValuesWithAttributes => ({
      Value: value,
      Attributes:
        dimension === 'LINKED_ACCOUNT'
          ? { description: ledger.accountDescription(value) }
          : {},
    }),
  );
  return {
    DimensionValues: dimensionValues,
    ReturnSize: dimensionValues.length,
    TotalSize: totalSize,
    ...(nextPageToken ? { NextPageToken: nextPageToken } : {}),
  };
}
