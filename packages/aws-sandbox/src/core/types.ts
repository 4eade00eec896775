import { IncomingHttpHeaders } from 'node:http';
import type { SandboxClock } from './clock';
import type { FaultInjector } from './faults';
import type { SandboxState } from './state';

/** An HTTP request as the sandbox received it. */
export interface SandboxRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A SigV4-signed AWS request, with the caller resolved to an account. */
export interface SignedRequest extends SandboxRequest {
  /** Signing name of the credential scope: ec2, iam, eks, ce, sts. */
  service: string;
  region: string;
  accountId: string;
  accessKeyId: string;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Close the connection without answering (a lost response). */
  dropConnection?: boolean;
}

/** What every service handler may use. */
export interface SandboxContext {
  state: SandboxState;
  clock: SandboxClock;
  faults: FaultInjector;
  /** The sandbox's own base URL (AWS APIs, ArgoCD, Prometheus, admin). */
  baseUrl: string;
  /** The TLS base URL of the Kubernetes APIs, as EKS cluster endpoints are https. */
  kubernetesUrl: string;
  /** PEM of the self-signed certificate of `kubernetesUrl`: the clusters' CA. */
  kubernetesCertificatePem: string;
}

/**
 * A mistake AWS would report: `code` and `message` use AWS's wording, `status` its HTTP
 * status. Each protocol renders it in its own wire format.
 */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** One emulated AWS service, reached by the signing name of its credential scope. */
export interface AwsService {
  signingName: string;
  /** Error code this service answers throttling with (EC2: RequestLimitExceeded). */
  throttlingCode: string;
  /** The operation a request calls, e.g. CreateVpc; undefined when it names none. */
  operationOf(request: SignedRequest): string | undefined;
  handle(
    request: SignedRequest,
    operation: string,
    context: SandboxContext,
  ): SandboxResponse | Promise<SandboxResponse>;
  /** Renders an error in the service's wire format. */
  renderError(error: AwsError, request: SignedRequest): SandboxResponse;
}

/** A non-AWS HTTP API (ArgoCD, Kubernetes, Prometheus) mounted under a path prefix. */
export interface HttpService {
  name: string;
  /** e.g. `/argocd`; the service sees paths with the prefix removed. */
  prefix: string;
  handle(
    request: SandboxRequest,
    context: SandboxContext,
  ): SandboxResponse | Promise<SandboxResponse>;
}

export function jsonResponse(
  status: number,
  value: unknown,
  contentType = 'application/json',
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': contentType },
    body: JSON.stringify(value),
  };
}
