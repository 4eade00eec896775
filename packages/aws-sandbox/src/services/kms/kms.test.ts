import {
  CreateAliasCommand,
  CreateKeyCommand,
  DeleteAliasCommand,
  DescribeKeyCommand,
  EnableKeyRotationCommand,
  GetKeyRotationStatusCommand,
  KeyListEntry,
  KeyMetadata,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  paginateListKeys,
  ScheduleKeyDeletionCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-kms';
import { RunningSandbox, startSandbox } from '../../server';
import { kmsService } from '.';

describe('aws-sandbox KMS', () => {
  let sandbox: RunningSandbox;
  let kms: KMSClient;
  beforeAll(async () => {
    sandbox = await startSandbox({
      awsServices: [kmsService],
      timeScale: 0.001,
    });
    kms = new KMSClient({
      region: 'eu-west-3',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDSANDBOXDEV', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
  });
  afterAll(() => sandbox.close());

  const newKey = async (Description = 'secrets') =>
    (await kms.send(new CreateKeyCommand({ Description }))).KeyMetadata!;

  it('creates a symmetric encryption key with tags and describes it by id, ARN and alias', async () => {
    const created = await kms.send(
      new CreateKeyCommand({
        Description: 'dpj-dev EKS secrets',
        KeyUsage: 'ENCRYPT_DECRYPT',
        KeySpec: 'SYMMETRIC_DEFAULT',
        Tags: [{ TagKey: 'environment', TagValue: 'dev' }],
      }),
    );
    const metadata = created.KeyMetadata!;
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(metadata).toMatchObject({
      AWSAccountId: '111111111111',
      Description: 'dpj-dev EKS secrets',
      Enabled: true,
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyManager: 'CUSTOMER',
      Origin: 'AWS_KMS',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    });
    expect(metadata.Arn).toBe(
      `arn:aws:kms:eu-west-3:111111111111:key/${metadata.KeyId}`,
    );
    expect(metadata.KeyId).toMatch(/^[0-9a-f-]{36}$/);
    expect(metadata.CreationDate).toBeInstanceOf(Date);

    await kms.send(
      new CreateAliasCommand({
        AliasName: 'alias/dpj-dev-eks',
        TargetKeyId: metadata.KeyId,
      }),
    );
    for (const KeyId of [metadata.KeyId, metadata.Arn, 'alias/dpj-dev-eks']) {
      const described = await kms.send(new DescribeKeyCommand({ KeyId }));
      expect(described.KeyMetadata?.KeyId).toBe(metadata.KeyId);
    }
    const tags = await kms.send(
      new ListResourceTagsCommand({ KeyId: metadata.KeyId }),
    );
    expect(tags.Tags).toEqual([{ TagKey: 'environment', TagValue: 'dev' }]);
  });

  it('answers NotFoundException for unknown keys and aliases', async () => {
    await expect(
      kms.send(
        new DescribeKeyCommand({
          KeyId: '00000000-0000-0000-0000-000000000000',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
      message:
        "Key 'arn:aws:kms:eu-west-3:111111111111:key/00000000-0000-0000-0000-000000000000' does not exist",
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      kms.send(new DescribeKeyCommand({ KeyId: 'alias/none' })),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
      message:
        'Alias arn:aws:kms:eu-west-3:111111111111:alias/none is not found.',
    });
  });

  it('enables rotation and reports its status', async () => {
    const key = await newKey();
    const before = await kms.send(
      new GetKeyRotationStatusCommand({ KeyId: key.KeyId }),
    );
    expect(before.KeyRotationEnabled).toBe(false);
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId }));
    const after = await kms.send(
      new GetKeyRotationStatusCommand({ KeyId: key.KeyId }),
    );
    expect(after).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 365,
      KeyId: key.Arn,
    });
    expect(after.NextRotationDate).toBeInstanceOf(Date);
  });

  it('schedules deletion within 7 to 30 days and then refuses changes', async () => {
    const key = await newKey();
    for (const days of [6, 31]) {
      await expect(
        kms.send(
          new ScheduleKeyDeletionCommand({
            KeyId: key.KeyId,
            PendingWindowInDays: days,
          }),
        ),
      ).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining(
          `Value '${days}' at 'pendingWindowInDays'`,
        ),
        $metadata: { httpStatusCode: 400 },
      });
    }
    const scheduled = await kms.send(
      new ScheduleKeyDeletionCommand({
        KeyId: key.KeyId,
        PendingWindowInDays: 7,
      }),
    );
    expect(scheduled).toMatchObject({
      KeyId: key.Arn,
      KeyState: 'PendingDeletion',
      PendingWindowInDays: 7,
    });
    const described = await kms.send(
      new DescribeKeyCommand({ KeyId: key.KeyId }),
    );
    expect(described.KeyMetadata).toMatchObject({
      KeyState: 'PendingDeletion',
      Enabled: false,
      PendingDeletionWindowInDays: 7,
    });
    expect(described.KeyMetadata?.DeletionDate?.getTime()).toBe(
      scheduled.DeletionDate?.getTime(),
    );
    await expect(
      kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId })),
    ).rejects.toMatchObject({
      name: 'KMSInvalidStateException',
      message: `${key.Arn} is pending deletion.`,
    });
  });

  it('creates, lists and deletes aliases with AWS errors for mistakes', async () => {
    const key = await newKey();
    await expect(
      kms.send(
        new CreateAliasCommand({
          AliasName: 'no-prefix',
          TargetKeyId: key.KeyId,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining(
        'Alias must start with the prefix "alias/"',
      ),
    });
    await kms.send(
      new CreateAliasCommand({
        AliasName: 'alias/app-a',
        TargetKeyId: key.KeyId,
      }),
    );
    await kms.send(
      new CreateAliasCommand({
        AliasName: 'alias/app-b',
        TargetKeyId: key.Arn,
      }),
    );
    await expect(
      kms.send(
        new CreateAliasCommand({
          AliasName: 'alias/app-a',
          TargetKeyId: key.KeyId,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'AlreadyExistsException',
      message:
        'An alias with the name arn:aws:kms:eu-west-3:111111111111:alias/app-a already exists',
    });
    const first = await kms.send(
      new ListAliasesCommand({ KeyId: key.KeyId, Limit: 1 }),
    );
    expect(first.Aliases).toEqual([
      expect.objectContaining({
        AliasName: 'alias/app-a',
        AliasArn: 'arn:aws:kms:eu-west-3:111111111111:alias/app-a',
        TargetKeyId: key.KeyId,
      }),
    ]);
    expect(first.Truncated).toBe(true);
    const second = await kms.send(
      new ListAliasesCommand({
        KeyId: key.KeyId,
        Limit: 1,
        Marker: first.NextMarker,
      }),
    );
    expect(second.Aliases?.map(alias => alias.AliasName)).toEqual([
      'alias/app-b',
    ]);
    expect(second.Truncated).toBe(false);
    await kms.send(new DeleteAliasCommand({ AliasName: 'alias/app-a' }));
    await expect(
      kms.send(new DeleteAliasCommand({ AliasName: 'alias/app-a' })),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
      message:
        'Alias arn:aws:kms:eu-west-3:111111111111:alias/app-a is not found.',
    });
  });

  it('tags and untags a key', async () => {
    const key = await newKey();
    await kms.send(
      new TagResourceCommand({
        KeyId: key.KeyId,
        Tags: [
          { TagKey: 'owner', TagValue: 'platform' },
          { TagKey: 'cost-center', TagValue: 'dpj' },
        ],
      }),
    );
    await kms.send(
      new UntagResourceCommand({ KeyId: key.KeyId, TagKeys: ['owner'] }),
    );
    const tags = await kms.send(
      new ListResourceTagsCommand({ KeyId: key.Arn }),
    );
    expect(tags).toMatchObject({
      Tags: [{ TagKey: 'cost-center', TagValue: 'dpj' }],
      Truncated: false,
    });
  });

  it('lists every key of the account and Region, pending deletion included, page by page', async () => {
    // A Region no other test uses, so the listing is exactly these keys.
    const ireland = new KMSClient({
      region: 'eu-west-1',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDSANDBOXDEV', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const created: KeyMetadata[] = [];
    for (const Description of ['a', 'b', 'c']) {
      created.push(
        (await ireland.send(new CreateKeyCommand({ Description })))
          .KeyMetadata!,
      );
    }
    await ireland.send(
      new ScheduleKeyDeletionCommand({
        KeyId: created[1].KeyId,
        PendingWindowInDays: 7,
      }),
    );
    const first = await ireland.send(new ListKeysCommand({ Limit: 2 }));
    expect(first).toMatchObject({ Truncated: true });
    expect(first.Keys).toHaveLength(2);
    const listed: KeyListEntry[] = [];
    for await (const page of paginateListKeys(
      { client: ireland, pageSize: 2 },
      {},
    )) {
      listed.push(...(page.Keys ?? []));
    }
    expect(listed).toEqual(
      created.map(k => ({ KeyId: k.KeyId, KeyArn: k.Arn })),
    );
    const elsewhere = await kms.send(new ListKeysCommand({}));
    expect(
      elsewhere.Keys?.some(k => created.some(c => c.KeyId === k.KeyId)),
    ).toBe(false);
    await expect(
      ireland.send(new ListKeysCommand({ Limit: 0 })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    ireland.destroy();
  });
});
