import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { parseCredentialScope } from './protocols/sigv4';
import { queryError, SandboxResponse } from './protocols/query';
import { handleSts } from './services/sts';
import { SandboxRequest } from './types';

export interface SandboxOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  /** Access key id → AWS account id. Requests signed with any other key are refused. */
  accounts?: Record<string, string>;
}

export interface RunningSandbox {
  /** The endpoint to give every AWS SDK client, e.g. `http://127.0.0.1:4566`. */
  url: string;
  close(): Promise<void>;
}

/** The access keys of the three seeded DPJ accounts (dev, staging, production). */
export const DEFAULT_SANDBOX_ACCOUNTS: Record<string, string> = {
  AKIDSANDBOXDEV: '111111111111',
  AKIDSANDBOXSTAGING: '222222222222',
  AKIDSANDBOXPROD: '333333333333',
};

type ServiceHandler = (request: SandboxRequest) => SandboxResponse;

const SERVICES: Record<string, ServiceHandler> = {
  sts: handleSts,
};

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: SandboxResponse) {
  res.statusCode = response.status;
  res.setHeader('content-type', response.contentType);
  res.end(response.body);
}

/** Starts the sandbox on 127.0.0.1 only: it is a development and test tool. */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<RunningSandbox> {
  const accounts = options.accounts ?? DEFAULT_SANDBOX_ACCOUNTS;

  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    const scope = parseCredentialScope(req.headers.authorization);
    if (!scope) {
      send(
        res,
        queryError(
          403,
          'MissingAuthenticationToken',
          'Request is missing Authentication Token',
          STS_NAMESPACE,
        ),
      );
      return;
    }
    const accountId = accounts[scope.accessKeyId];
    if (!accountId) {
      send(
        res,
        queryError(
          403,
          'InvalidClientTokenId',
          'The security token included in the request is invalid.',
          STS_NAMESPACE,
        ),
      );
      return;
    }
    const handler = SERVICES[scope.service];
    if (!handler) {
      // Fail loudly: a silent default would make tests pass against nothing.
      send(res, {
        status: 501,
        contentType: 'text/plain',
        body: `aws-sandbox does not emulate the '${scope.service}' service`,
      });
      return;
    }
    send(
      res,
      handler({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body,
        region: scope.region,
        accountId,
      }),
    );
  });

  await new Promise<void>(resolve =>
    server.listen(options.port ?? 0, '127.0.0.1', resolve),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) =>
        server.close(error => (error ? reject(error) : resolve())),
      ),
  };
}
