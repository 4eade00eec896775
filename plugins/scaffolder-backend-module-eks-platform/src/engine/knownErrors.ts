/**
 * The error classes AWS is known for, handled once for every resource kind:
 *
 * - eventual consistency: right after a create, another call may answer `…NotFound` for
 *   the new resource ("Eventual consistency", EC2 API reference: retry with backoff);
 * - IAM propagation: EKS answers InvalidParameterException that a role "could not be
 *   assumed" for a few seconds after the role or its policy was changed ("Changes that I
 *   make are not always immediately visible", IAM User Guide);
 * - DependencyViolation (EC2) and ResourceInUse (ELB) on a delete while a dependent is
 *   still being removed in the background (an ENI a load balancer or NAT gateway held).
 *
 * Throttling and 5xx answers are retried by the SDK itself (adaptive retry mode).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  awsErrorCode,
  isNotFound,
  isRoleNotAssumableYet,
} from '../actions/shared/awsErrors';
import { retryDelaysMs, WaitSettings } from '../actions/shared/waiting';

export interface RetrySettings {
  /** Delays between retries of a NotFound right after a create: about a minute in all. */
  notFoundDelaysMs: readonly number[];
  /** Delays between retries while IAM propagates: a few minutes in all. */
  propagationDelaysMs: readonly number[];
  /** Delays between retries of a delete AWS refuses while dependents are going. */
  dependencyDelaysMs: readonly number[];
}

export const DEFAULT_NOT_FOUND_DELAYS_MS = [
  1000, 2000, 4000, 8000, 15000, 15000, 15000,
];

export function retrySettingsFor(
  waitSettings: WaitSettings,
  notFoundDelaysMs: readonly number[] = DEFAULT_NOT_FOUND_DELAYS_MS,
): RetrySettings {
  return {
    notFoundDelaysMs,
    propagationDelaysMs: retryDelaysMs(waitSettings),
    dependencyDelaysMs: retryDelaysMs(waitSettings),
  };
}

export function isDependencyViolation(error: unknown): boolean {
  const code = awsErrorCode(error) ?? '';
  return code === 'DependencyViolation' || code.startsWith('ResourceInUse');
}

/**
 * Whether AWS may have applied a request whose answer was an error: a 5xx, a dropped
 * connection, a timeout. A create without a ClientToken may then have made the resource.
 */
/**
 * AWS's answer to a change that is already in place: what a retried request gets when the
 * first attempt was applied and its answer lost (CreateRoute: RouteAlreadyExists;
 * AttachInternetGateway, AssociateRouteTable: Resource.AlreadyAssociated; KMS CreateAlias:
 * AlreadyExistsException, as the EC2 and KMS API references name them).
 */
export function isAlreadyApplied(error: unknown): boolean {
  const code = awsErrorCode(error) ?? '';
  return /AlreadyExists|AlreadyAssociated|\.Duplicate$/.test(code);
}

export function isAmbiguous(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } })
    ?.$metadata?.httpStatusCode;
  return awsErrorCode(error) === undefined || (status ?? 500) >= 500;
}

/**
 * Calls `call` and again while its error is one that passes (NotFound after a create, IAM
 * propagation), each class with its own delays; `onRetry` says why in the log.
 */
export async function retryKnownErrors<T>(
  call: () => Promise<T>,
  settings: RetrySettings,
  onRetry?: (reason: string, delayMs: number) => void,
): Promise<T> {
  let notFound = 0;
  let propagation = 0;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      let delayMs: number | undefined;
      if (isNotFound(error)) {
        delayMs = settings.notFoundDelaysMs[notFound++];
        if (delayMs !== undefined) {
          onRetry?.(`${awsErrorCode(error)} (eventual consistency)`, delayMs);
        }
      } else if (isRoleNotAssumableYet(error)) {
        delayMs = settings.propagationDelaysMs[propagation++];
        if (delayMs !== undefined) {
          onRetry?.(
            'the role cannot be assumed yet (IAM propagation)',
            delayMs,
          );
        }
      }
      if (delayMs === undefined) throw error;
      await sleep(delayMs);
    }
  }
}

/** Calls a delete again while AWS answers that dependents still exist. */
export async function retryWhileInUse<T>(
  call: () => Promise<T>,
  settings: RetrySettings,
  onRetry?: (delayMs: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const delayMs = settings.dependencyDelaysMs[attempt];
      if (!isDependencyViolation(error) || delayMs === undefined) throw error;
      onRetry?.(delayMs);
      await sleep(delayMs);
    }
  }
}
