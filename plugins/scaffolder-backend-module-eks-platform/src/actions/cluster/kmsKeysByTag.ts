/**
 * KMS keys found by their tags. ListKeys has no tag filter, so every key of the account
 * and Region is listed and its tags read (ListResourceTags); DescribeKey then gives the
 * state of those that match. A key pending deletion is left out: it can no longer be used
 * and is already on its way out.
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html)
 */
import {
  DescribeKeyCommand,
  KeyMetadata,
  KMSClient,
  ListResourceTagsCommand,
  paginateListKeys,
} from '@aws-sdk/client-kms';
import { awsErrorCode } from '../shared/awsErrors';
import { TagMap } from '../shared/tagging';

export interface TaggedKey {
  metadata: KeyMetadata;
  tags: TagMap;
}

const GONE_STATES = ['PendingDeletion', 'PendingReplicaDeletion'];

/**
 * A key that vanished between ListKeys and the read, or whose key policy does not let
 * this principal read it (so not one the product created: its policy delegates to IAM).
 */
function isUnreadable(error: unknown): boolean {
  const code = awsErrorCode(error) ?? '';
  return code.startsWith('NotFound') || code.startsWith('AccessDenied');
}

/** Keys carrying every tag of `wanted`, oldest first, not pending deletion. */
export async function findKeysByTags(
  kms: KMSClient,
  wanted: TagMap,
): Promise<TaggedKey[]> {
  const found: TaggedKey[] = [];
  for await (const page of paginateListKeys({ client: kms }, {})) {
    // One key at a time: KMS request quotas are shared by the whole account.
    for (const { KeyId } of page.Keys ?? []) {
      try {
        // A key has at most 50 tags, ListResourceTags' default page size.
        const { Tags = [] } = await kms.send(
          new ListResourceTagsCommand({ KeyId }),
        );
        const tags = Object.fromEntries(
          Tags.map(t => [t.TagKey!, t.TagValue ?? '']),
        );
        if (!Object.entries(wanted).every(([k, v]) => tags[k] === v)) {
          continue;
        }
        const { KeyMetadata: metadata } = await kms.send(
          new DescribeKeyCommand({ KeyId }),
        );
        if (metadata && !GONE_STATES.includes(metadata.KeyState ?? '')) {
          found.push({ metadata, tags });
        }
      } catch (error) {
        if (!isUnreadable(error)) throw error;
      }
    }
  }
  const created = (k: TaggedKey) => k.metadata.CreationDate?.getTime() ?? 0;
  return found.sort((a, b) => created(a) - created(b));
}
