import { KeyMetadata } from '@aws-sdk/client-kms';
import { AwsError, SandboxContext } from '../../core/types';

export interface StoredKey {
  metadata: KeyMetadata & { KeyId: string; Arn: string };
  tags: Map<string, string>;
  rotationPeriodInDays?: number;
  rotationEnabledAt?: Date;
}

export interface StoredAlias {
  targetKeyId: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Keys and aliases of one account and region. */
export class KmsStore {
  readonly keys = new Map<string, StoredKey>();
  readonly aliases = new Map<string, StoredAlias>();

  constructor(readonly accountId: string, readonly region: string) {}

  keyArn(keyId: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:key/${keyId}`;
  }

  aliasArn(aliasName: string): string {
    return `arn:aws:kms:${this.region}:${this.accountId}:${aliasName}`;
  }
}

export function kmsStoreOf(
  context: SandboxContext,
  accountId: string,
  region: string,
): KmsStore {
  return context.state.scope(
    'kms',
    accountId,
    region,
    () => new KmsStore(accountId, region),
  );
}

const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function notFoundKey(store: KmsStore, keyId: string): AwsError {
  return new AwsError(
    'NotFoundException',
    `Key '${store.keyArn(keyId)}' does not exist`,
  );
}

/**
 * The key a KeyId parameter names: a key id or key ARN, and where AWS allows it (DescribeKey),
 * an alias name or alias ARN too.
 */
export function resolveKey(
  store: KmsStore,
  keyIdParam: string | undefined,
  options: { allowAlias: boolean },
): StoredKey {
  const identifier = keyIdParam ?? '';
  let keyId = identifier;
  const arnPrefix = `arn:aws:kms:${store.region}:${store.accountId}:`;
  const local = identifier.startsWith(arnPrefix)
    ? identifier.slice(arnPrefix.length)
    : identifier;
  if (local.startsWith('alias/') && options.allowAlias) {
    const alias = store.aliases.get(local);
    if (!alias) {
      throw new AwsError(
        'NotFoundException',
        `Alias ${store.aliasArn(local)} is not found.`,
      );
    }
    keyId = alias.targetKeyId;
  } else if (local.startsWith('key/')) {
    keyId = local.slice('key/'.length);
  } else if (!KEY_ID.test(local)) {
    throw new AwsError('NotFoundException', `Invalid keyId '${identifier}'`);
  }
  const stored = store.keys.get(keyId);
  if (!stored) throw notFoundKey(store, keyId);
  return stored;
}

/** Removes keys whose deletion date has passed, with their aliases. */
export function sweepDeletedKeys(store: KmsStore, now: Date): void {
  for (const [keyId, stored] of store.keys) {
    const deletion = stored.metadata.DeletionDate;
    if (!deletion || now.getTime() < deletion.getTime()) continue;
    store.keys.delete(keyId);
    for (const [name, alias] of store.aliases) {
      if (alias.targetKeyId === keyId) store.aliases.delete(name);
    }
  }
}

/** Refuses changes to a key scheduled for deletion, as KMS does. */
export function checkNotPendingDeletion(stored: StoredKey): void {
  if (stored.metadata.KeyState === 'PendingDeletion') {
    throw new AwsError(
      'KMSInvalidStateException',
      `${stored.metadata.Arn} is pending deletion.`,
    );
  }
}
