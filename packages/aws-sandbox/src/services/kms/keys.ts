import { randomUUID } from 'node:crypto';
import { CreateKeyRequest } from '@aws-sdk/client-kms';
import { AwsError, SandboxContext } from '../../core/types';
import { kmsStoreOf, StoredKey } from './kmsStore';

/**
 * Creates a customer managed key; used by CreateKey and by seeding. Only symmetric
 * encryption keys are emulated: they are all an EKS environment needs (secrets encryption).
 */
export function createKey(
  context: SandboxContext,
  accountId: string,
  region: string,
  input: CreateKeyRequest,
  createdAt: Date,
): StoredKey {
  const keySpec =
    input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  const keyUsage = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
  if (keySpec !== 'SYMMETRIC_DEFAULT') {
    throw new AwsError(
      'UnsupportedOperationException',
      `KeySpec ${keySpec} is not supported by aws-sandbox, which emulates SYMMETRIC_DEFAULT keys only.`,
    );
  }
  if (keyUsage !== 'ENCRYPT_DECRYPT') {
    throw new AwsError(
      'ValidationException',
      `KeyUsage ${keyUsage} is not compatible with KeySpec SYMMETRIC_DEFAULT`,
    );
  }
  const store = kmsStoreOf(context, accountId, region);
  const keyId = randomUUID();
  const stored: StoredKey = {
    metadata: {
      AWSAccountId: accountId,
      KeyId: keyId,
      Arn: store.keyArn(keyId),
      CreationDate: createdAt,
      Enabled: true,
      Description: input.Description ?? '',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: input.MultiRegion ?? false,
    },
    tags: new Map(
      (input.Tags ?? []).map(tag => [tag.TagKey ?? '', tag.TagValue ?? '']),
    ),
  };
  store.keys.set(keyId, stored);
  return stored;
}
