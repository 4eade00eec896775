/** gRPC status code names, as ArgoCD's `code` field numbers them. */
const GRPC_CODE_NAMES: Record<number, string> = {
  0: 'OK',
  1: 'Canceled',
  2: 'Unknown',
  3: 'InvalidArgument',
  4: 'DeadlineExceeded',
  5: 'NotFound',
  6: 'AlreadyExists',
  7: 'PermissionDenied',
  8: 'ResourceExhausted',
  9: 'FailedPrecondition',
  10: 'Aborted',
  11: 'OutOfRange',
  12: 'Unimplemented',
  13: 'Internal',
  14: 'Unavailable',
  15: 'DataLoss',
  16: 'Unauthenticated',
};

export function grpcCodeName(code: unknown): string | undefined {
  return typeof code === 'number' ? GRPC_CODE_NAMES[code] : undefined;
}

export interface ArgoCdApiErrorDetails {
  /** The configured name of the ArgoCD instance. */
  instance: string;
  /** What the client was doing: read, list, create, update or delete. */
  operation: string;
  /** What it was done to, e.g. `application dpj-dev-jaeger`. */
  resource: string;
  /** HTTP status of ArgoCD's answer; 0 when there was no answer (network error, timeout). */
  status: number;
  /** ArgoCD's gRPC code name (PermissionDenied…), or the HTTP reason when it gave none. */
  code?: string;
  /** ArgoCD's own message, or what went wrong when it did not answer. */
  argoMessage: string;
  /** The complete message, when the default wording does not fit. */
  message?: string;
}

/**
 * A call to ArgoCD that failed, worded for the person running the template: which
 * instance refused which operation on which resource, and ArgoCD's own message, e.g.
 * "ArgoCD dev-argocd refused to create application dpj-dev-jaeger (403 PermissionDenied):
 * permission denied: applications, create, dpj-dev/dpj-dev-jaeger, sub: platform, …".
 * It never carries the API token.
 */
export class ArgoCdApiError extends Error {
  readonly instance: string;
  readonly operation: string;
  readonly resource: string;
  readonly status: number;
  readonly code?: string;
  readonly argoMessage: string;

  constructor(details: ArgoCdApiErrorDetails) {
    const codeText = details.code ? ` ${details.code}` : '';
    super(
      details.message ??
        `ArgoCD ${details.instance} refused to ${details.operation} ${details.resource} (${details.status}${codeText}): ${details.argoMessage}`,
    );
    this.name = 'ArgoCdApiError';
    this.instance = details.instance;
    this.operation = details.operation;
    this.resource = details.resource;
    this.status = details.status;
    this.code = details.code;
    this.argoMessage = details.argoMessage;
  }
}
