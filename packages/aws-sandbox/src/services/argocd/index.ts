/**
 * The ArgoCD REST API subset the platform uses (sessions, projects, clusters,
 * applications), as argocd-server's grpc-gateway serves it under `/argocd`.
 * State lives in the sandbox state, so `/_sandbox/reset` clears it (but not the failures
 * queued with `failNext`: `DELETE /argocd/_sandbox/fail-next` or `clearFailures()` does).
 *
 * `POST /argocd/_sandbox/fail-next` with `{ status, message, method?, path? }` queues a
 * failure as `failNext` does, for tests that only hold the sandbox's URL.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  HttpService,
  jsonResponse,
  SandboxContext,
  SandboxRequest,
  SandboxResponse,
} from '../../core/types';
import { ArgoCdError, GRPC } from './argoCdErrors';
import {
  Application,
  ArgoCdStore,
  argoCdStoreOf,
  Destination,
} from './argoCdStore';
import { routeOperations, settleOperations } from './applicationOperations';
import { withStatus } from './applicationStatus';
import type { ResourceHealth } from './applicationStatus';
import {
  purgeDeletedApplications,
  routeApplications,
} from './applicationRoutes';
import { clusterAccessProblem } from './clusterAccess';
import { routeClusters } from './clusterRoutes';
import { routeProjects } from './projectRoutes';
import { parseBody, ROUTE_PREFIX, RouteContext } from './routeContext';

export interface ArgoCdServiceOptions {
  /** Local users: username → password. Default `{ admin: 'sandbox-admin-password' }`. */
  users?: Record<string, string>;
  /** Static API tokens (as ArgoCD account tokens) accepted as Bearer tokens. */
  tokens?: string[];
  /**
   * The health of the resources a synced application made, as the cluster's controllers
   * left them; without it every synced application is Healthy.
   */
  resourceHealth?(context: SandboxContext, app: Application): ResourceHealth[];
}

/** Which calls a queued failure applies to; both default to any. */
export interface ArgoCdFailureMatch {
  /** HTTP method, e.g. `POST`. */
  method?: string;
  /** The API path without the `/argocd` prefix, e.g. `/api/v1/applications`, or a pattern. */
  path?: string | RegExp;
}

export interface ArgoCdService extends HttpService {
  /**
   * Makes the next authenticated API call (any route but `POST /api/v1/session`) that
   * matches `match` fail with `status` (e.g. 403, 409, 500) and `message`, in ArgoCD's
   * error shape; the gRPC code is the one grpc-gateway maps to that status. Calls queue:
   * two calls fail the next two matching calls; calls that match none go through.
   */
  failNext(status: number, message: string, match?: ArgoCdFailureMatch): void;
  /** Drops every queued failure. */
  clearFailures(): void;
}

interface ScriptedFailure {
  error: ArgoCdError;
  method?: string;
  path?: string | RegExp;
}

const ADMIN_PATH = '/_sandbox/fail-next';

export const DEFAULT_ARGOCD_USERS = { admin: 'sandbox-admin-password' };
export const DEFAULT_ARGOCD_TOKENS = ['sandbox-argocd-token'];
/** The local account the static API tokens were generated for. */
const TOKEN_ACCOUNT = 'backstage';

function base64Url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT-shaped token like argocd-server's; the sandbox only checks it is one it issued. */
function sessionToken(username: string, nowSeconds: number): string {
  const header = base64Url({ alg: 'HS256', typ: 'JWT' });
  const payload = base64Url({
    iss: 'argocd',
    sub: `${username}:login`,
    exp: nowSeconds + 86400,
    nbf: nowSeconds,
    iat: nowSeconds,
    jti: randomUUID(),
  });
  const signature = createHash('sha256')
    .update(`${header}.${payload}`)
    .digest('base64url');
  return `${header}.${payload}.${signature}`;
}

function bearerToken(request: SandboxRequest): string | undefined {
  const header = String(request.headers.authorization ?? '');
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (bearer) return bearer;
  const cookie = String(request.headers.cookie ?? '');
  return /(?:^|;\s*)argocd\.token=([^;]+)/.exec(cookie)?.[1];
}

export function createArgoCdService(
  options: ArgoCdServiceOptions = {},
): ArgoCdService {
  const users: Record<string, string> = options.users ?? DEFAULT_ARGOCD_USERS;
  const staticTokens = new Set(options.tokens ?? DEFAULT_ARGOCD_TOKENS);
  const scriptedFailures: ScriptedFailure[] = [];

  function takeFailure(request: SandboxRequest): ArgoCdError | undefined {
    const index = scriptedFailures.findIndex(
      failure =>
        (!failure.method ||
          failure.method.toUpperCase() === request.method.toUpperCase()) &&
        (failure.path === undefined ||
          (typeof failure.path === 'string'
            ? failure.path === request.path
            : failure.path.test(request.path))),
    );
    if (index < 0) return undefined;
    return scriptedFailures.splice(index, 1)[0].error;
  }

  function queueFailure(
    status: number,
    message: string,
    match: ArgoCdFailureMatch = {},
  ) {
    scriptedFailures.push({
      error: ArgoCdError.fromHttpStatus(status, message),
      method: match.method,
      path: match.path,
    });
  }

  /** `POST` queues a failure, `DELETE` drops them all: the sandbox's own admin route. */
  function admin(request: SandboxRequest): SandboxResponse {
    if (request.method === 'DELETE') {
      scriptedFailures.length = 0;
      return jsonResponse(200, { queued: 0 });
    }
    if (request.method !== 'POST') {
      return jsonResponse(405, { message: `use POST or DELETE ${ADMIN_PATH}` });
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body || '{}');
    } catch (error) {
      return jsonResponse(400, { message: (error as Error).message });
    }
    const { status, message, method, path } = body;
    if (typeof status !== 'number' || typeof message !== 'string') {
      return jsonResponse(400, {
        message: 'status (number) and message (string) are required',
      });
    }
    queueFailure(status, message, {
      method: typeof method === 'string' ? method : undefined,
      path: typeof path === 'string' ? path : undefined,
    });
    return jsonResponse(200, { queued: scriptedFailures.length });
  }

  function login(
    request: SandboxRequest,
    store: ArgoCdStore,
    nowMillis: number,
  ): SandboxResponse {
    const { username, password } = parseBody<{
      username?: string;
      password?: string;
    }>(request);
    if (
      !username ||
      users[username] === undefined ||
      users[username] !== password
    ) {
      throw new ArgoCdError(
        GRPC.Unauthenticated,
        'Invalid username or password',
      );
    }
    const token = sessionToken(username, Math.floor(nowMillis / 1000));
    store.sessions.set(token, username);
    return jsonResponse(200, { token });
  }

  /** The account a request's token belongs to: a session's user, or the token's account. */
  function authenticate(request: SandboxRequest, store: ArgoCdStore): string {
    const token = bearerToken(request);
    if (!token)
      throw new ArgoCdError(GRPC.Unauthenticated, 'no session information');
    if (staticTokens.has(token)) return TOKEN_ACCOUNT;
    const user = store.sessions.get(token);
    if (user) return user;
    if (token.split('.').length !== 3) {
      throw new ArgoCdError(
        GRPC.Unauthenticated,
        'invalid session: token contains an invalid number of segments',
      );
    }
    throw new ArgoCdError(
      GRPC.Unauthenticated,
      'invalid session: signature is invalid',
    );
  }

  function handle(
    request: SandboxRequest,
    context: SandboxContext,
  ): SandboxResponse {
    if (request.path === ADMIN_PATH) return admin(request);
    const store = argoCdStoreOf(context);
    const nowMillis = context.clock.nowMillis();
    if (!request.path.startsWith(ROUTE_PREFIX)) {
      return {
        status: 404,
        headers: { 'content-type': 'text/plain' },
        body: 'Not Found',
      };
    }
    const path = request.path.slice(ROUTE_PREFIX.length);
    if (path === '/session' && request.method === 'POST') {
      return login(request, store, nowMillis);
    }
    const username = authenticate(request, store);
    const failure = takeFailure(request);
    if (failure) throw failure;
    if (path === '/session' && request.method === 'DELETE') {
      const token = bearerToken(request);
      if (token) store.sessions.delete(token);
      return jsonResponse(200, {});
    }
    purgeDeletedApplications({ store, clock: context.clock });
    const clusterAccess = (destination: Destination) =>
      clusterAccessProblem(context, store, destination);
    settleOperations(
      store,
      context.clock,
      app => !clusterAccess(app.spec.destination),
    );
    const routeContext: RouteContext = {
      request,
      store,
      clock: context.clock,
      clusterAccess,
      username,
      resourceHealth: app => options.resourceHealth?.(context, app) ?? [],
      nowIso: new Date(Math.floor(nowMillis / 1000) * 1000)
        .toISOString()
        .replace('.000', ''),
    };
    const response =
      routeProjects(routeContext, path) ??
      routeClusters(routeContext, path) ??
      routeApplications(routeContext, path) ??
      routeOperations(routeContext, path, app => withStatus(routeContext, app));
    if (response) return response;
    if (/^\/(projects|clusters|applications)(\/[^/]+)?$/.test(path)) {
      throw new ArgoCdError(GRPC.Unimplemented, 'Method Not Allowed', 405);
    }
    throw new ArgoCdError(GRPC.NotFound, 'Not Found');
  }

  return {
    name: 'argocd',
    prefix: '/argocd',
    failNext(status: number, message: string, match?: ArgoCdFailureMatch) {
      queueFailure(status, message, match);
    },
    clearFailures() {
      scriptedFailures.length = 0;
    },
    handle(request, context) {
      try {
        return handle(request, context);
      } catch (error) {
        if (error instanceof ArgoCdError) return error.render();
        throw error;
      }
    },
  };
}
