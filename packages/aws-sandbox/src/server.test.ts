import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { RunningSandbox, startSandbox } from './server';

describe('aws-sandbox STS', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ accounts: { AKIDTEST: '123456789012' } });
  });
  afterAll(() => sandbox.close());

  const client = (accessKeyId: string) =>
    new STSClient({
      region: 'eu-west-3',
      endpoint: sandbox.url,
      credentials: { accessKeyId, secretAccessKey: 'test-secret' },
      maxAttempts: 1,
    });

  it('answers GetCallerIdentity through the real SDK with the account of the access key', async () => {
    const identity = await client('AKIDTEST').send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/sandbox',
    });
    expect(identity.$metadata.httpStatusCode).toBe(200);
  });

  it('refuses an unknown access key with the error AWS returns', async () => {
    await expect(
      client('AKIDUNKNOWN').send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('says loudly which service it does not emulate', async () => {
    const response = await fetch(sandbox.url, {
      method: 'POST',
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDTEST/20261126/eu-west-3/sqs/aws4_request, SignedHeaders=host, Signature=0',
      },
    });
    expect(response.status).toBe(501);
    expect(await response.text()).toContain("'sqs' service");
  });
});
