import { readFileSync } from 'node:fs';
import {
  createServer,
  IncomingMessage,
  RequestListener,
  Server,
  ServerResponse,
} from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { resolve as resolvePath } from 'node:path';
import { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { CallLog } from './core/callLog';
import { SandboxClock } from './core/clock';
import { FaultInjector, FaultSettings, ScriptedFault } from './core/faults';
import { SandboxState } from './core/state';
import {
  AwsError,
  AwsService,
  HttpService,
  jsonResponse,
  SandboxContext,
  SandboxRequest,
  SandboxResponse,
  SignedRequest,
} from './core/types';
import { parseCredentialScope } from './protocols/sigv4';
import { memberError } from './protocols/query';
import { stsService } from './services/sts';

export interface SandboxOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** TLS port of the Kubernetes APIs (EKS endpoints are https); 0 picks a free one. */
  kubernetesPort?: number;
  /** Multiplies AWS's lifecycle durations (cluster ~10 min…); 0.01 makes them 100× faster. */
  timeScale?: number;
  /** Access key id → AWS account id. Requests signed with any other key are refused. */
  accounts?: Record<string, string>;
  /** Random throttling, 5xx and latency applied to AWS calls. */
  faults?: Partial<FaultSettings>;
  /** Seed of the fault generator, to replay a fault pattern. */
  faultSeed?: number;
  /** Extra services (the default set is used when omitted). */
  awsServices?: AwsService[];
  httpServices?: HttpService[];
  /** Fills a fresh or reset sandbox with resources. */
  seed?: (context: SandboxContext) => void;
  /** Extra admin routes under `/_sandbox`, e.g. to apply workloads to a cluster. */
  adminRoutes?: AdminRoute[];
}

/** An admin route: `PUT /_sandbox/workloads` → handle(JSON body). */
export interface AdminRoute {
  method: string;
  path: string;
  handle(body: unknown, context: SandboxContext): SandboxResponse;
}

export interface RunningSandbox {
  /** The endpoint to give every AWS SDK client, e.g. `http://127.0.0.1:4566`. */
  url: string;
  context: SandboxContext;
  calls: CallLog;
  close(): Promise<void>;
}

/** The access keys of the three seeded DPJ accounts (dev, staging, production). */
export const DEFAULT_SANDBOX_ACCOUNTS: Record<string, string> = {
  AKIDSANDBOXDEV: '111111111111',
  AKIDSANDBOXSTAGING: '222222222222',
  AKIDSANDBOXPROD: '333333333333',
};

/** A self-signed certificate for 127.0.0.1 and localhost, committed: it guards nothing. */
// The sandbox only ever runs from its sources (bin/aws-sandbox, tests), never bundled.
// eslint-disable-next-line no-restricted-syntax
const TLS_DIR = resolvePath(__dirname, '../tls');

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const ADMIN_PREFIX = '/_sandbox';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: SandboxResponse) {
  if (response.dropConnection) {
    res.socket?.destroy();
    return;
  }
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

/** Starts the sandbox on 127.0.0.1 only: it is a development and test tool. */
export async function startSandbox(
  options: SandboxOptions = {},
): Promise<RunningSandbox> {
  const accounts = options.accounts ?? DEFAULT_SANDBOX_ACCOUNTS;
  const awsServices = new Map(
    [stsService, ...(options.awsServices ?? [])].map(s => [s.signingName, s]),
  );
  const httpServices = options.httpServices ?? [];
  const calls = new CallLog();
  const context: SandboxContext = {
    state: new SandboxState(),
    clock: new SandboxClock(options.timeScale ?? 1),
    faults: new FaultInjector(options.faults, options.faultSeed),
    baseUrl: '',
    kubernetesUrl: '',
    kubernetesCertificatePem: readFileSync(
      `${TLS_DIR}/sandbox-cert.pem`,
      'utf8',
    ),
  };
  const reseed = () => {
    context.state.clear();
    options.seed?.(context);
  };

  async function handleAws(request: SandboxRequest): Promise<SandboxResponse> {
    const scope = parseCredentialScope(request.headers.authorization);
    if (!scope) {
      return memberError(
        new AwsError(
          'MissingAuthenticationToken',
          'Request is missing Authentication Token',
          403,
        ),
        STS_NAMESPACE,
      );
    }
    const accountId = accounts[scope.accessKeyId];
    const service = awsServices.get(scope.service);
    if (!service) {
      // Fail loudly: a silent default would let tests pass against nothing.
      return {
        status: 501,
        headers: { 'content-type': 'text/plain' },
        body: `aws-sandbox does not emulate the '${scope.service}' service`,
      };
    }
    const signed: SignedRequest = {
      ...request,
      ...scope,
      accountId: accountId ?? '',
    };
    const operation = service.operationOf(signed) ?? '(none)';
    let response: SandboxResponse;
    try {
      if (!accountId) {
        throw new AwsError(
          scope.service === 'ec2' ? 'AuthFailure' : 'InvalidClientTokenId',
          scope.service === 'ec2'
            ? 'AWS was not able to validate the provided access credentials'
            : 'The security token included in the request is invalid.',
          403,
        );
      }
      const fault = context.faults.next(
        service.signingName,
        operation,
        service.throttlingCode,
      );
      if (fault) throw fault;
      response = await service.handle(signed, operation, context);
      const lost = context.faults.afterWrite(service.signingName, operation);
      if (lost?.code === 'ConnectionReset') {
        response = { ...response, dropConnection: true };
      } else if (lost) {
        response = service.renderError(lost, signed);
      }
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      response = service.renderError(error, signed);
    }
    calls.record({
      service: service.signingName,
      operation,
      time: context.clock.now().toISOString(),
      status: response.status,
      accountId,
      region: scope.region,
    });
    return response;
  }

  async function handleAdmin(
    request: SandboxRequest,
  ): Promise<SandboxResponse> {
    const path = request.path.slice(ADMIN_PREFIX.length);
    const body = request.body ? JSON.parse(request.body) : {};
    if (path === '/calls' && request.method === 'GET') {
      return jsonResponse(200, { calls: calls.list() });
    }
    if (path === '/calls' && request.method === 'DELETE') {
      calls.clear();
      return jsonResponse(200, {});
    }
    if (path === '/reset' && request.method === 'POST') {
      reseed();
      calls.clear();
      context.faults.reset();
      return jsonResponse(200, {});
    }
    if (path === '/faults' && request.method === 'GET') {
      return jsonResponse(200, context.faults.current());
    }
    if (path === '/faults' && request.method === 'PUT') {
      context.faults.configure(body.settings ?? {}, body.seed);
      for (const fault of (body.scripted ?? []) as ScriptedFault[]) {
        context.faults.script(fault);
      }
      return jsonResponse(200, context.faults.current());
    }
    const route = options.adminRoutes?.find(
      r => r.path === path && r.method === request.method,
    );
    if (route) return route.handle(body, context);
    return jsonResponse(404, {
      message: `no admin route ${request.method} ${path}`,
    });
  }

  const handleRequest: RequestListener = async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox');
      const request: SandboxRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: await readBody(req),
      };
      if (request.path.startsWith(ADMIN_PREFIX)) {
        send(res, await handleAdmin(request));
        return;
      }
      const http = httpServices.find(s => request.path.startsWith(s.prefix));
      if (http) {
        const response = await http.handle(
          { ...request, path: request.path.slice(http.prefix.length) || '/' },
          context,
        );
        calls.record({
          service: http.name,
          operation: `${request.method} ${request.path}`,
          time: context.clock.now().toISOString(),
          status: response.status,
        });
        send(res, response);
        return;
      }
      const latency = context.faults.latencyMs();
      if (latency > 0) await sleep(latency);
      send(res, await handleAws(request));
    } catch (error) {
      send(res, {
        status: 500,
        headers: { 'content-type': 'text/plain' },
        body: `aws-sandbox failed: ${(error as Error).stack ?? error}`,
      });
    }
  };

  const server = createServer(handleRequest);
  const tlsServer = createTlsServer(
    {
      key: readFileSync(`${TLS_DIR}/sandbox-key.pem`),
      cert: context.kubernetesCertificatePem,
    },
    handleRequest,
  );
  const port = await listen(server, options.port ?? 0);
  const tlsPort = await listen(tlsServer, options.kubernetesPort ?? 0);
  context.baseUrl = `http://127.0.0.1:${port}`;
  context.kubernetesUrl = `https://127.0.0.1:${tlsPort}`;
  reseed();
  return {
    url: context.baseUrl,
    context,
    calls,
    close: async () => {
      await Promise.all([close(server), close(tlsServer)]);
    },
  };
}

async function listen(server: Server, port: number): Promise<number> {
  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

function close(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.closeAllConnections();
    server.close(error => (error ? reject(error) : resolve()));
  });
}
