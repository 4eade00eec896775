/**
 * Cost Explorer (signing name `ce`, AWS JSON 1.1): costs derived from the emulated
 * clusters, node groups and NAT gateways of the inventory. See README.md for the model.
 */
import {
  GetCostAndUsageRequest,
  ListCostAllocationTagsRequest,
  UpdateCostAllocationTagsStatusRequest,
  GetCostForecastRequest,
  GetDimensionValuesRequest,
  GetTagsRequest,
} from '@aws-sdk/client-cost-explorer';
import { InventoryReader } from '../../core/inventory';
import { AwsError, AwsService } from '../../core/types';
import {
  awsJsonError,
  awsJsonOperation,
  awsJsonResult,
} from '../../protocols/awsJson';
import {
  activeTagFilter,
  listCostAllocationTags,
  updateCostAllocationTagsStatus,
} from './costAllocationTags';
import { getCostAndUsage } from './getCostAndUsage';
import { getCostForecast } from './getCostForecast';
import { getDimensionValues } from './getDimensionValues';
import { getTags } from './getTags';
import { CostExplorerOptions, CostLedger } from './ledger';

export type { CostExplorerOptions } from './ledger';

function parseBody(body: string): unknown {
  try {
    return body ? JSON.parse(body) : {};
  } catch {
    throw new AwsError(
      'SerializationException',
      'Start of structure or map found where not expected.',
      400,
    );
  }
}

export function createCostExplorerService(
  inventory: InventoryReader,
  options: CostExplorerOptions = {},
): AwsService {
  return {
    signingName: 'ce',
    // Cost Explorer answers throttling with LimitExceededException, not ThrottlingException.
    throttlingCode: 'LimitExceededException',
    operationOf: awsJsonOperation,
    handle(request, operation, context) {
      const body = parseBody(request.body);
      const ledger = new CostLedger(
        inventory,
        request.accountId,
        context.clock.nowMillis(),
        options,
        activeTagFilter(context, request.accountId),
      );
      switch (operation) {
        case 'GetCostAndUsage':
          return awsJsonResult(
            getCostAndUsage(body as GetCostAndUsageRequest, ledger, options),
          );
        case 'GetCostForecast':
          return awsJsonResult(
            getCostForecast(body as GetCostForecastRequest, ledger),
          );
        case 'GetDimensionValues':
          return awsJsonResult(
            getDimensionValues(body as GetDimensionValuesRequest, ledger),
          );
        case 'GetTags':
          return awsJsonResult(getTags(body as GetTagsRequest, ledger));
        case 'ListCostAllocationTags':
          return awsJsonResult(
            listCostAllocationTags(
              context,
              request.accountId,
              body as ListCostAllocationTagsRequest,
              ledger.tagKeysOnResources(),
            ),
          );
        case 'UpdateCostAllocationTagsStatus':
          return awsJsonResult(
            updateCostAllocationTagsStatus(
              context,
              request.accountId,
              body as UpdateCostAllocationTagsStatusRequest,
            ),
          );
        default:
          throw new AwsError(
            'UnknownOperationException',
            `aws-sandbox does not emulate the Cost Explorer operation ${operation}`,
            400,
          );
      }
    },
    renderError: error => awsJsonError(error),
  };
}
