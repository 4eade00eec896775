/**
 * One ArgoCD REST call: the bearer token sent and never shown (scrubbed from every message),
 * a timeout, JSON answers, and ArgoCD's errors as ArgoCdApiError naming the operation,
 * the instance and ArgoCD's own message.
 */
import { ArgoCdApiError, grpcCodeName } from './argoCdApiError';

export interface ArgoCdTransportOptions {
  /** The fetch to use (tests wrap it to count requests); the global one by default. */
  fetch?: typeof fetch;
  /** How long one request may take before it is abandoned; 30 s by default. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Tokens shorter than this are not scrubbed from messages: it would garble them. */
const MIN_SCRUBBED_TOKEN_LENGTH = 8;

export interface Operation {
  /** read, list, create, update or delete. */
  verb: string;
  /** e.g. `application dpj-dev-jaeger`. */
  resource: string;
}

export interface RequestOptions {
  body?: unknown;
  /** Non-2xx statuses that are answers rather than failures (404 when looking up). */
  expected?: number[];
}

export interface Answer {
  status: number;
  body: any;
}

const HTTP_REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export class ArgoCdTransport {
  readonly #token: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(
    private readonly instance: { readonly name: string; readonly url: string },
    token: string,
    options: ArgoCdTransportOptions = {},
  ) {
    this.#token = token;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Replaces the token wherever it would appear, so that no message carries it. */
  #scrub(text: string): string {
    const token = this.#token;
    return token.length >= MIN_SCRUBBED_TOKEN_LENGTH
      ? text.split(token).join('***')
      : text;
  }

  async request(
    operation: Operation,
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Answer> {
    const url = `${this.instance.url}${path}`;
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${this.#token}`,
    };
    if (options.body !== undefined)
      headers['content-type'] = 'application/json';
    const fetchImpl = this.#fetch;
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers,
        body:
          options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw this.#unreachable(operation, method, url, error);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.#unreachable(operation, method, url, error);
    }
    let body: any;
    let parsed = false;
    try {
      body = text === '' ? {} : JSON.parse(text);
      parsed = true;
    } catch {
      body = undefined;
    }
    const ok = response.status >= 200 && response.status < 300;
    if ((ok || options.expected?.includes(response.status)) && parsed) {
      return { status: response.status, body };
    }
    if (ok) {
      // Typically the UI's index.html: the URL is not ArgoCD's base URL.
      throw new ArgoCdApiError({
        instance: this.instance.name,
        operation: operation.verb,
        resource: operation.resource,
        status: response.status,
        argoMessage: this.#snippet(text),
        message: `ArgoCD ${
          this.instance.name
        } answered ${method} ${url} with something that is not JSON (${
          response.headers.get('content-type') ?? 'no content type'
        }) when asked to ${operation.verb} ${operation.resource}: is ${
          this.instance.url
        } the base URL of ArgoCD?`,
      });
    }
    const code =
      (parsed && grpcCodeName(body?.code)) ||
      response.statusText ||
      HTTP_REASONS[response.status];
    const argoMessage =
      parsed && typeof (body?.message ?? body?.error) === 'string'
        ? this.#scrub(body.message || body.error)
        : this.#snippet(text) || response.statusText || 'no message';
    const error = new ArgoCdApiError({
      instance: this.instance.name,
      operation: operation.verb,
      resource: operation.resource,
      status: response.status,
      code,
      argoMessage,
    });
    if (response.status === 401) {
      error.message += ` (check the API token configured for ArgoCD ${this.instance.name})`;
    }
    throw error;
  }

  #snippet(text: string): string {
    const flat = this.#scrub(text).replace(/\s+/g, ' ').trim();
    return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
  }

  #unreachable(
    operation: Operation,
    method: string,
    url: string,
    error: unknown,
  ): ArgoCdApiError {
    const cause = error as { name?: string; message?: string; cause?: any };
    const timedOut =
      cause?.name === 'TimeoutError' || cause?.name === 'AbortError';
    const reason = timedOut
      ? `no answer within ${
          this.#timeoutMs < 1000
            ? `${this.#timeoutMs} ms`
            : `${Math.round(this.#timeoutMs / 1000)} s`
        }`
      : this.#scrub(
          [cause?.message, cause?.cause?.message ?? cause?.cause?.code]
            .filter(Boolean)
            .join(': ') || String(error),
        );
    return new ArgoCdApiError({
      instance: this.instance.name,
      operation: operation.verb,
      resource: operation.resource,
      status: 0,
      argoMessage: reason,
      message: `ArgoCD ${this.instance.name} could not be reached to ${operation.verb} ${operation.resource}: ${method} ${url} failed: ${reason}`,
    });
  }
}
