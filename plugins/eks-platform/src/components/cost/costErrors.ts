import { ResponseError } from '@backstage/errors';
import { notManagedClusterReason } from '../shared/notManagedCluster';

export type CostErrorKind =
  | { kind: 'not-permitted' }
  | { kind: 'bad-request'; message: string }
  | { kind: 'not-managed'; message: string }
  | { kind: 'not-found'; message: string }
  | { kind: 'other' };

/** The backend's own message: a ResponseError's cause, else the error's message. */
export function backendMessage(error: Error): string {
  if (ResponseError.is(error)) {
    return error.body?.error?.message ?? error.cause?.message ?? error.message;
  }
  return error.message;
}

function statusOf(error: Error): number | undefined {
  if (ResponseError.is(error)) return error.statusCode;
  const { statusCode, response } = error as {
    statusCode?: unknown;
    response?: { status?: unknown };
  };
  if (typeof statusCode === 'number') return statusCode;
  return typeof response?.status === 'number' ? response.status : undefined;
}

/**
 * What a failed cost request means for the viewer: 403 or NotAllowedError is a missing
 * `eks-platform.cost.read`; 400 names the missing annotation or bad parameter; a 404
 * `NotManagedClusterError` says why the product does not report on the entity.
 */
export function classifyCostError(error: Error): CostErrorKind {
  const status = statusOf(error);
  const notManaged = notManagedClusterReason(error);
  if (notManaged !== undefined) {
    return { kind: 'not-managed', message: notManaged };
  }
  if (status === 403 || error.name === 'NotAllowedError') {
    return { kind: 'not-permitted' };
  }
  if (status === 400) {
    return { kind: 'bad-request', message: backendMessage(error) };
  }
  if (status === 404) {
    return { kind: 'not-found', message: backendMessage(error) };
  }
  return { kind: 'other' };
}
