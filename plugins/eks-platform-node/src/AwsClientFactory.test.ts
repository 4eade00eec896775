import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AwsClientFactory } from './AwsClientFactory';

const ACCOUNT = '123456789012';

/** A stand-in STS endpoint that records what reaches it. */
async function startFakeSts() {
  const requests: { headers: IncomingMessage['headers']; body: string }[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      res.setHeader('content-type', 'text/xml');
      res.end(
        `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">` +
          `<GetCallerIdentityResult><Arn>arn:aws:iam::${ACCOUNT}:user/platform</Arn>` +
          `<UserId>AIDAEXAMPLE</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult>` +
          `<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { requests, url: `http://127.0.0.1:${port}`, server };
}

function configWith(eksPlatform: object) {
  return new ConfigReader({
    aws: {
      accounts: [
        {
          accountId: ACCOUNT,
          accessKeyId: 'AKIDPLATFORMTEST',
          secretAccessKey: 'not-a-real-secret',
        },
      ],
    },
    eksPlatform,
  });
}

describe('AwsClientFactory', () => {
  it('signs requests with the configured account credentials and region and sends them to the configured endpoint', async () => {
    const sts = await startFakeSts();
    try {
      const factory = AwsClientFactory.fromConfig(
        configWith({ aws: { endpoint: sts.url } }),
      );
      const client = await factory.create(STSClient, {
        accountId: ACCOUNT,
        region: 'eu-west-3',
      });
      const identity = await client.send(new GetCallerIdentityCommand({}));

      expect(identity.Account).toBe(ACCOUNT);
      expect(sts.requests).toHaveLength(1);
      const authorization = String(sts.requests[0].headers.authorization);
      expect(authorization).toContain('Credential=AKIDPLATFORMTEST/');
      expect(authorization).toMatch(/\/eu-west-3\/sts\/aws4_request/);
      expect(authorization).not.toContain('not-a-real-secret');
      expect(sts.requests[0].body).toContain('Action=GetCallerIdentity');
    } finally {
      sts.server.close();
    }
  });

  it('uses adaptive retries with 5 attempts unless configured', async () => {
    const factory = AwsClientFactory.fromConfig(configWith({}));
    const settings = await factory.settingsFor({
      accountId: ACCOUNT,
      region: 'eu-west-3',
    });
    expect(settings).toMatchObject({
      region: 'eu-west-3',
      maxAttempts: 5,
      retryMode: 'adaptive',
    });
    expect(settings.endpoint).toBeUndefined();
  });

  it.each([
    [{ aws: { endpoint: 'localhost:4566' } }, /eksPlatform\.aws\.endpoint/],
    [{ aws: { maxAttempts: 0 } }, /eksPlatform\.aws\.maxAttempts/],
  ])('rejects invalid settings %j naming the key', (settings, message) => {
    expect(() => AwsClientFactory.fromConfig(configWith(settings))).toThrow(
      message,
    );
  });
});
