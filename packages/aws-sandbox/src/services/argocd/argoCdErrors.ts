/**
 * Errors as ArgoCD's grpc-gateway renders them: `{"error", "code", "message"}` with the
 * gRPC code, and the HTTP status grpc-gateway maps that code to.
 */
import { jsonResponse, SandboxResponse } from '../../core/types';

export const GRPC = {
  InvalidArgument: 3,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  Unauthenticated: 16,
} as const;

/** grpc-gateway's runtime.HTTPStatusFromCode. */
const HTTP_STATUS_OF_CODE: Record<number, number> = {
  3: 400,
  5: 404,
  6: 409,
  7: 403,
  8: 429,
  9: 400,
  10: 409,
  12: 501,
  13: 500,
  14: 503,
  16: 401,
};

/** The gRPC code behind an HTTP status, for `failNext`. */
const CODE_OF_HTTP_STATUS: Record<number, number> = {
  400: GRPC.InvalidArgument,
  401: GRPC.Unauthenticated,
  403: GRPC.PermissionDenied,
  404: GRPC.NotFound,
  409: GRPC.Aborted,
  429: GRPC.ResourceExhausted,
  500: GRPC.Internal,
  501: GRPC.Unimplemented,
  503: GRPC.Unavailable,
};

export class ArgoCdError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = HTTP_STATUS_OF_CODE[code] ?? 500,
  ) {
    super(message);
  }

  static fromHttpStatus(status: number, message: string): ArgoCdError {
    return new ArgoCdError(CODE_OF_HTTP_STATUS[status] ?? 2, message, status);
  }

  render(): SandboxResponse {
    return jsonResponse(this.status, {
      error: this.message,
      code: this.code,
      message: this.message,
    });
  }
}

export const notFound = (resource: string, name: string) =>
  new ArgoCdError(GRPC.NotFound, `${resource}.argoproj.io "${name}" not found`);

export const permissionDenied = () =>
  new ArgoCdError(GRPC.PermissionDenied, 'permission denied');
