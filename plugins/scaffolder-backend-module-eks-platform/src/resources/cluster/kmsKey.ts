/**
 * The KMS key that encrypts the cluster's Kubernetes secrets: found by its alias, or by its
 * tags for a key whose create stopped before its alias; then its alias and its yearly
 * rotation as settings. CreateKey takes no idempotency token: after an ambiguous failure the
 * engine finds the key by its tags, and schedules the deletion of copies a retry made.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  paginateListAliases,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import type { ResourceNode } from '@internal/plugin-eks-platform-common';
import { unlessMissing } from '../../actions/cluster/clusterClients';
import { findKeysByTags, TaggedKey } from '../../actions/cluster/kmsKeysByTag';
import {
  COMPONENT_TAG,
  ENVIRONMENT_NAME_TAG,
} from '../../actions/shared/tagging';
import type { ExistingResource, ListFilter } from '../../engine/types';
import {
  ClusterContext,
  ClusterHandler,
  existing,
  isListed,
  nodeTagMap,
} from './clusterResources';

/** KMS's shortest waiting period: the key can still be recovered for a week. */
export const KEY_DELETION_WINDOW_DAYS = 7;

/** A key policy that delegates to the account's IAM policies and to nobody outside it. */
export function keyPolicyFor(account: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'eks-secrets',
    Statement: [
      {
        Sid: 'AccountAdministersThroughIam',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  });
}

/** The key id the alias names, if the alias exists. */
async function aliasTarget(
  kms: KMSClient,
  aliasName: string,
): Promise<string | undefined> {
  for await (const page of paginateListAliases({ client: kms }, {})) {
    const alias = page.Aliases?.find(a => a.AliasName === aliasName);
    if (alias) return alias.TargetKeyId;
  }
  return undefined;
}

/**
 * The environment's keys, oldest first: the one the alias names and those tagged with the
 * node's role (none pending deletion). `aliased` is the alias's key, if it is enabled.
 */
async function keysOf(
  c: ClusterContext,
  node: Pick<ResourceNode, 'key' | 'properties'>,
  environmentName: string,
) {
  const { kms } = c.clients;
  const alias = String(node.properties.alias);
  const target = await aliasTarget(kms, alias);
  const tagged = await findKeysByTags(kms, {
    [ENVIRONMENT_NAME_TAG]: environmentName,
    [COMPONENT_TAG]: node.key,
  });
  let aliased = tagged.find(k => k.metadata.KeyId === target);
  if (target && !aliased) {
    // Aliased but not tagged as ours: the preflight refuses it as another's key.
    const metadata = (
      await unlessMissing(() =>
        kms.send(new DescribeKeyCommand({ KeyId: target })),
      )
    )?.KeyMetadata;
    if (metadata) aliased = { metadata, tags: {} };
  }
  return { alias, target, aliased, tagged };
}

const asExisting = (key: TaggedKey, alias?: string): ExistingResource =>
  existing(
    key.metadata.Arn!,
    `${key.metadata.KeyId}${alias ? ` (${alias})` : ' without alias'}`,
    key.tags,
    {
      state:
        key.metadata.KeyState === 'Enabled' ? undefined : key.metadata.KeyState,
      related: alias ? [alias] : [],
    },
  );

const enabled = (k: TaggedKey) => k.metadata.KeyState === 'Enabled';

export const kmsKey: ClusterHandler = {
  label: 'KMS key',
  async find(node, _refs, c) {
    const { alias, aliased, tagged } = await keysOf(c, node, c.spec.name);
    // The enabled aliased key first, then enabled ones a stopped create left unaliased.
    const usable = [
      ...(aliased && enabled(aliased) ? [asExisting(aliased, alias)] : []),
      ...tagged
        .filter(k => enabled(k) && k !== aliased)
        .map(k => asExisting(k)),
    ];
    // An alias naming a disabled key: its ClientToken-less create is new, not a replay.
    return { live: usable, gone: aliased && !enabled(aliased) ? 1 : 0 };
  },
  async create(node, _refs, c) {
    const { KeyMetadata } = await c.clients.kms.send(
      new CreateKeyCommand({
        Description: `Envelope encryption of the Kubernetes secrets of ${c.spec.name}`,
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        Policy: keyPolicyFor(c.spec.account),
        Tags: Object.entries(nodeTagMap(c, node)).map(([TagKey, TagValue]) => ({
          TagKey,
          TagValue,
        })),
      }),
    );
    return KeyMetadata!.Arn!;
  },
  async list(c, filter: ListFilter, nodes) {
    const found: ExistingResource[] = [];
    for (const node of nodes) {
      const { alias, target, tagged } = await keysOf(
        c,
        node,
        filter.environmentName,
      );
      for (const key of tagged.filter(k => isListed(k.tags, filter))) {
        const named = key.metadata.KeyId === target ? alias : undefined;
        found.push(asExisting(key, named));
      }
    }
    return found;
  },
  // KMS never deletes a key at once: the alias goes, the key's deletion is scheduled.
  async delete(resource, c) {
    const { kms } = c.clients;
    for (const AliasName of resource.related ?? []) {
      await unlessMissing(() =>
        kms.send(new DeleteAliasCommand({ AliasName })),
      );
      c.logger.info(`Deleted KMS alias ${AliasName}`);
    }
    await kms.send(
      new ScheduleKeyDeletionCommand({
        KeyId: resource.id,
        PendingWindowInDays: KEY_DELETION_WINDOW_DAYS,
      }),
    );
    c.logger.info(
      `Scheduled the deletion of KMS key ${resource.label} in ${KEY_DELETION_WINDOW_DAYS} days`,
    );
    return false;
  },
};

export const kmsAlias: ClusterHandler = {
  label: 'KMS alias',
  cachedIsLive: true,
  async create(node, refs, c) {
    const { kms } = c.clients;
    const AliasName = String(node.properties.alias);
    const target = await aliasTarget(kms, AliasName);
    if (target && refs.key.endsWith(`/${target}`)) return refs.key;
    if (target) {
      // The alias names another key, pending deletion or disabled (an earlier rollback or
      // destroy): it moves to this one.
      await unlessMissing(() =>
        kms.send(new DeleteAliasCommand({ AliasName })),
      );
    }
    await kms.send(
      new CreateAliasCommand({ AliasName, TargetKeyId: refs.key }),
    );
    c.logger.info(`Created the alias ${AliasName} of KMS key ${refs.key}`);
    return refs.key;
  },
};

export const kmsKeyRotation: ClusterHandler = {
  label: 'KMS key rotation',
  cachedIsLive: true,
  async create(_node, refs, c) {
    const { kms } = c.clients;
    const { KeyRotationEnabled } = await kms.send(
      new GetKeyRotationStatusCommand({ KeyId: refs.key }),
    );
    if (!KeyRotationEnabled) {
      await kms.send(new EnableKeyRotationCommand({ KeyId: refs.key }));
      c.logger.info(`Enabled yearly rotation of KMS key ${refs.key}`);
    }
    return refs.key;
  },
};
