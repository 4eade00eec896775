/**
 * Cost allocation tags: Cost Explorer groups and filters by a tag only once the payer has
 * activated it; until then that tag's costs are untagged ("Activating user-defined cost
 * allocation tags", AWS Billing User Guide). Resource tags exist on AWS long before anyone
 * activates them, so the sandbox keeps their status apart from the resources.
 *
 * The seeded accounts activated the tags the bank's tagging policy names and the two that
 * EKS puts on node instances; every other key is Inactive until UpdateCostAllocationTagsStatus.
 */
import type {
  CostAllocationTag,
  ListCostAllocationTagsRequest,
  ListCostAllocationTagsResponse,
  UpdateCostAllocationTagsStatusRequest,
  UpdateCostAllocationTagsStatusResponse,
} from '@aws-sdk/client-cost-explorer';
import { SandboxContext } from '../../core/types';
import { validationError } from './validationError';

const ACTIVE_FROM_THE_START = [
  'environment',
  'project',
  'cost-center',
  'owner',
  'eks:cluster-name',
  'eks:nodegroup-name',
];

/** Key → status, as the payer set it; keys absent were never touched. */
type TagStatuses = Map<string, 'Active' | 'Inactive'>;

function statusesOf(context: SandboxContext, accountId: string): TagStatuses {
  return context.state.scope(
    'ce-cost-allocation-tags',
    accountId,
    'global',
    () => new Map(ACTIVE_FROM_THE_START.map(key => [key, 'Active' as const])),
  );
}

/** Whether Cost Explorer shows the tag's values to `accountId`. */
export function activeTagFilter(
  context: SandboxContext,
  accountId: string,
): (key: string) => boolean {
  const statuses = statusesOf(context, accountId);
  return key => statuses.get(key) === 'Active';
}

export function listCostAllocationTags(
  context: SandboxContext,
  accountId: string,
  request: ListCostAllocationTagsRequest,
  keysOnResources: string[],
): Omit<ListCostAllocationTagsResponse, '$metadata'> {
  const statuses = statusesOf(context, accountId);
  const size = request.MaxResults ?? 100;
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw validationError('MaxResults must be between 1 and 1000');
  }
  const tags: CostAllocationTag[] = [
    ...new Set([...keysOnResources, ...statuses.keys()]),
  ]
    .sort()
    .map(
      (key): CostAllocationTag => ({
        TagKey: key,
        Type: key.startsWith('aws:') ? 'AWSGenerated' : 'UserDefined',
        Status: statuses.get(key) ?? 'Inactive',
      }),
    )
    .filter(
      tag =>
        (!request.Status || tag.Status === request.Status) &&
        (!request.Type || tag.Type === request.Type) &&
        (!request.TagKeys || request.TagKeys.includes(tag.TagKey!)),
    );
  const offset = request.NextToken ? Number(request.NextToken) : 0;
  const page = tags.slice(offset, offset + size);
  return {
    CostAllocationTags: page,
    ...(offset + size < tags.length
      ? { NextToken: String(offset + size) }
      : {}),
  };
}

export function updateCostAllocationTagsStatus(
  context: SandboxContext,
  accountId: string,
  request: UpdateCostAllocationTagsStatusRequest,
): Omit<UpdateCostAllocationTagsStatusResponse, '$metadata'> {
  const entries = request.CostAllocationTagsStatus ?? [];
  if (entries.length < 1 || entries.length > 20) {
    throw validationError(
      'CostAllocationTagsStatus must have between 1 and 20 entries',
    );
  }
  const statuses = statusesOf(context, accountId);
  for (const entry of entries) {
    if (entry.TagKey && entry.Status) statuses.set(entry.TagKey, entry.Status);
  }
  return { Errors: [] };
}
