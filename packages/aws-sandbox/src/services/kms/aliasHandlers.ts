import { AliasListEntry, ListAliasesResponse } from '@aws-sdk/client-kms';
import { AwsError } from '../../core/types';
import { KmsHandler, validationError } from './handlerTypes';
import { checkNotPendingDeletion, resolveKey } from './kmsStore';
import { pageByLimit } from './pagination';

const ALIAS_PREFIX = 'alias/';

function checkAliasName(name: unknown): string {
  if (typeof name !== 'string' || !name.startsWith(ALIAS_PREFIX)) {
    throw new AwsError(
      'ValidationException',
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  }
  if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(name) || name.length > 256) {
    throw validationError(
      'aliasName',
      name,
      'Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$',
    );
  }
  if (name.startsWith('alias/aws/')) {
    throw new AwsError(
      'NotAuthorizedException',
      'Alias names starting with alias/aws/ are reserved for AWS managed keys.',
    );
  }
  return name;
}

const createAlias: KmsHandler = ({ input, store, context }) => {
  const name = checkAliasName(input.AliasName);
  const stored = resolveKey(store, input.TargetKeyId as string, {
    allowAlias: false,
  });
  checkNotPendingDeletion(stored);
  if (store.aliases.has(name)) {
    throw new AwsError(
      'AlreadyExistsException',
      `An alias with the name ${store.aliasArn(name)} already exists`,
    );
  }
  const now = context.clock.now();
  store.aliases.set(name, {
    targetKeyId: stored.metadata.KeyId,
    createdAt: now,
    updatedAt: now,
  });
  return {};
};

const deleteAlias: KmsHandler = ({ input, store }) => {
  const name = checkAliasName(input.AliasName);
  if (!store.aliases.delete(name)) {
    throw new AwsError(
      'NotFoundException',
      `Alias ${store.aliasArn(name)} is not found.`,
    );
  }
  return {};
};

const listAliases: KmsHandler = ({ input, store }) => {
  const keyId =
    input.KeyId === undefined
      ? undefined
      : resolveKey(store, input.KeyId as string, { allowAlias: false }).metadata
          .KeyId;
  const entries: AliasListEntry[] = [...store.aliases]
    .filter(([, alias]) => keyId === undefined || alias.targetKeyId === keyId)
    .map(([name, alias]) => ({
      AliasName: name,
      AliasArn: store.aliasArn(name),
      TargetKeyId: alias.targetKeyId,
      CreationDate: alias.createdAt,
      LastUpdatedDate: alias.updatedAt,
    }));
  const page = pageByLimit(entries, input.Marker, input.Limit);
  const result: ListAliasesResponse = {
    Aliases: page.items,
    NextMarker: page.NextMarker,
    Truncated: page.Truncated,
  };
  return result;
};

export const ALIAS_HANDLERS: Record<string, KmsHandler> = {
  CreateAlias: createAlias,
  DeleteAlias: deleteAlias,
  ListAliases: listAliases,
};
