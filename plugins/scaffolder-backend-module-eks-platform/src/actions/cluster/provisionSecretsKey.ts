/**
 * The KMS key that encrypts the cluster's Kubernetes secrets: found by its alias or its
 * tags, else created with the environment's tags; then its alias and its yearly rotation,
 * each a read-then-change step. CreateKey and CreateAlias are separate calls: a task
 * stopped between them leaves a tagged key without alias, which the retry finds by its
 * tags and aliases instead of creating a second key.
 */
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
} from '@aws-sdk/client-kms';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  CheckpointedSteps,
  ResourceStepResult,
} from '../shared/checkpointedSteps';
import { TagMap } from '../shared/tagging';
import { unlessMissing } from './clusterClients';
import { CLUSTER_COMPONENTS, ClusterNames } from './clusterPlan';
import { ClusterInventory } from './discovery';

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

const kmsTags = (tags: TagMap) =>
  Object.entries(tags).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));

export async function provisionSecretsKey(options: {
  kms: KMSClient;
  steps: CheckpointedSteps;
  logger: LoggerService;
  names: ClusterNames;
  account: string;
  inventory: Pick<ClusterInventory, 'key' | 'otherKeys' | 'staleAlias'>;
  tags: TagMap;
}): Promise<ResourceStepResult> {
  const { kms, steps, logger, names, inventory } = options;
  const component = CLUSTER_COMPONENTS.kmsKey;
  const AliasName = names.kmsAlias;
  const usable = [
    ...(inventory.key ? [inventory.key] : []),
    ...inventory.otherKeys.filter(k => k.metadata.KeyState === 'Enabled'),
  ];
  const result = await steps.resource({
    component,
    kind: 'KMS key',
    name: AliasName,
    find: async () => ({
      live: usable.map(k => ({ id: k.metadata.Arn!, label: AliasName })),
      gone: inventory.staleAlias ? 1 : 0,
    }),
    create: async () => {
      const { KeyMetadata } = await kms.send(
        new CreateKeyCommand({
          Description: `Envelope encryption of the Kubernetes secrets of ${names.cluster}`,
          KeyUsage: 'ENCRYPT_DECRYPT',
          KeySpec: 'SYMMETRIC_DEFAULT',
          Policy: keyPolicyFor(options.account),
          Tags: kmsTags(options.tags),
        }),
      );
      return KeyMetadata!.Arn!;
    },
  });
  const keyArn = result.id;

  await steps.run(
    `${component}-alias`,
    async () => {
      const { key } = inventory;
      if (key?.aliased && key.metadata.Arn === keyArn) return keyArn;
      if (key?.aliased || inventory.staleAlias) {
        // The alias names another key: one pending deletion or disabled (an earlier
        // rollback or destroy). It moves to this one.
        await unlessMissing(() =>
          kms.send(new DeleteAliasCommand({ AliasName })),
        );
      }
      await kms.send(
        new CreateAliasCommand({ AliasName, TargetKeyId: keyArn }),
      );
      logger.info(`Created the alias ${AliasName} of KMS key ${keyArn}`);
      return keyArn;
    },
    value => steps.isLive(value),
  );

  await steps.run(
    `${component}-rotation`,
    async () => {
      const { KeyRotationEnabled } = await kms.send(
        new GetKeyRotationStatusCommand({ KeyId: keyArn }),
      );
      if (!KeyRotationEnabled) {
        await kms.send(new EnableKeyRotationCommand({ KeyId: keyArn }));
        logger.info(`Enabled yearly rotation of KMS key ${keyArn}`);
      }
      return keyArn;
    },
    value => steps.isLive(value),
  );
  return result;
}
