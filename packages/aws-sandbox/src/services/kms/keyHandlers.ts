import {
  CreateKeyRequest,
  CreateKeyResponse,
  DescribeKeyResponse,
  GetKeyRotationStatusResponse,
  KeyListEntry,
  ListKeysResponse,
  ListResourceTagsResponse,
  ScheduleKeyDeletionResponse,
  Tag,
} from '@aws-sdk/client-kms';
import { KmsHandler, validationError } from './handlerTypes';
import { createKey } from './keys';
import { checkNotPendingDeletion, resolveKey } from './kmsStore';
import { pageByLimit } from './pagination';

const DEFAULT_ROTATION_DAYS = 365;
const SECONDS_PER_DAY = 86_400;

const createKeyHandler: KmsHandler = ({
  input,
  accountId,
  region,
  context,
}) => {
  const stored = createKey(
    context,
    accountId,
    region,
    input as CreateKeyRequest,
    context.clock.now(),
  );
  const result: CreateKeyResponse = { KeyMetadata: stored.metadata };
  return result;
};

const describeKey: KmsHandler = ({ input, store }) => {
  const stored = resolveKey(store, input.KeyId as string, { allowAlias: true });
  const result: DescribeKeyResponse = { KeyMetadata: stored.metadata };
  return result;
};

/**
 * Every key of the account and Region, whatever its state (a key pending deletion is listed
 * until it is deleted), ids and ARNs only, paged by Limit and Marker
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html).
 */
const listKeys: KmsHandler = ({ input, store }) => {
  const keys: KeyListEntry[] = [...store.keys.values()].map(stored => ({
    KeyId: stored.metadata.KeyId,
    KeyArn: stored.metadata.Arn,
  }));
  const page = pageByLimit(keys, input.Marker, input.Limit);
  const result: ListKeysResponse = {
    Keys: page.items,
    NextMarker: page.NextMarker,
    Truncated: page.Truncated,
  };
  return result;
};

const enableKeyRotation: KmsHandler = ({ input, store, context }) => {
  const stored = resolveKey(store, input.KeyId as string, {
    allowAlias: false,
  });
  checkNotPendingDeletion(stored);
  const days = input.RotationPeriodInDays ?? DEFAULT_ROTATION_DAYS;
  if (typeof days !== 'number' || days < 90 || days > 2560) {
    throw validationError(
      'rotationPeriodInDays',
      days,
      Number(days) < 90
        ? 'Member must have value greater than or equal to 90'
        : 'Member must have value less than or equal to 2560',
    );
  }
  stored.rotationPeriodInDays = days;
  stored.rotationEnabledAt = context.clock.now();
  return {};
};

const getKeyRotationStatus: KmsHandler = ({ input, store, context }) => {
  const stored = resolveKey(store, input.KeyId as string, {
    allowAlias: false,
  });
  const days = stored.rotationPeriodInDays;
  const enabledAt = stored.rotationEnabledAt;
  const result: GetKeyRotationStatusResponse = {
    KeyId: stored.metadata.Arn,
    KeyRotationEnabled: days !== undefined,
    RotationPeriodInDays: days,
    NextRotationDate:
      days !== undefined && enabledAt
        ? new Date(
            enabledAt.getTime() +
              context.clock.scaledMillis(days * SECONDS_PER_DAY),
          )
        : undefined,
  };
  return result;
};

const scheduleKeyDeletion: KmsHandler = ({ input, store, context }) => {
  const stored = resolveKey(store, input.KeyId as string, {
    allowAlias: false,
  });
  const days = input.PendingWindowInDays ?? 30;
  if (typeof days !== 'number' || days < 7 || days > 30) {
    throw validationError(
      'pendingWindowInDays',
      days,
      Number(days) < 7
        ? 'Member must have value greater than or equal to 7'
        : 'Member must have value less than or equal to 30',
    );
  }
  checkNotPendingDeletion(stored);
  const deletionDate = new Date(
    context.clock.nowMillis() +
      context.clock.scaledMillis(days * SECONDS_PER_DAY),
  );
  Object.assign(stored.metadata, {
    KeyState: 'PendingDeletion',
    Enabled: false,
    DeletionDate: deletionDate,
    PendingDeletionWindowInDays: days,
  });
  const result: ScheduleKeyDeletionResponse = {
    KeyId: stored.metadata.Arn,
    DeletionDate: deletionDate,
    KeyState: 'PendingDeletion',
    PendingWindowInDays: days,
  };
  return result;
};

const tagResource: KmsHandler = ({ input, store }) => {
  const stored = resolveKey(store, input.KeyId as string, {
    allowAlias: false,
  });
  checkNotPendingDeletion(stored);
  for (const tag of (input.Tags ?? []) as Tag[]) {
    stored.tags.set(tag.TagKey ?? '', tag.TagValue ?? '');
  }
  return {};
};

const untagResource: KmsHandler = ({ input, store }) => {
  const stored = resolveKey(store, input.KeyId as string, {
    allowAlias: false,
  });
  checkNotPendingDeletion(stored);
  for (const key of (input.TagKeys ?? []) as string[]) stored.tags.delete(key);
  return {};
};

const listResourceTags: KmsHandler = ({ input, store }) => {
  const stored = resolveKey(store, input.KeyId as string, {
    allowAlias: false,
  });
  const tags: Tag[] = [...stored.tags].map(([TagKey, TagValue]) => ({
    TagKey,
    TagValue,
  }));
  const page = pageByLimit(tags, input.Marker, input.Limit);
  const result: ListResourceTagsResponse = {
    Tags: page.items,
    NextMarker: page.NextMarker,
    Truncated: page.Truncated,
  };
  return result;
};

export const KEY_HANDLERS: Record<string, KmsHandler> = {
  CreateKey: createKeyHandler,
  DescribeKey: describeKey,
  ListKeys: listKeys,
  EnableKeyRotation: enableKeyRotation,
  GetKeyRotationStatus: getKeyRotationStatus,
  ScheduleKeyDeletion: scheduleKeyDeletion,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListResourceTags: listResourceTags,
};
