import { AwsError, SandboxResponse } from '../core/types';
import { withEpochSeconds } from './epochSeconds';

/** REST-JSON (EKS): errors carry their code in `x-amzn-errortype` and a JSON message. */
export function restJsonError(error: AwsError): SandboxResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': error.code,
    },
    body: JSON.stringify({ message: error.message }),
  };
}

export function restJsonResult(value: unknown, status = 200): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(withEpochSeconds(value)),
  };
}

export interface Route<TParams extends Record<string, string>> {
  method: string;
  pattern: RegExp;
  operation: string;
  params: (match: RegExpExecArray) => TParams;
}

/** Finds the operation a method and path call. */
export function matchRoute<T extends Record<string, string>>(
  routes: readonly Route<T>[],
  method: string,
  path: string,
): { route: Route<T>; params: T } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, params: route.params(match) };
  }
  return undefined;
}

export function parseJsonBody(body: string): Record<string, unknown> {
  if (!body) return {};
  try {
    const parsed = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed;
    }
  } catch {
    // fall through
  }
  throw new AwsError(
    'SerializationException',
    'Request body is not a JSON object',
  );
}
