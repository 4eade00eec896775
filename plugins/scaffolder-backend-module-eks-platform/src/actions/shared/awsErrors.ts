/** Recognising AWS errors returned through the SDK, and retrying the ones that pass. */
import { setTimeout as sleep } from 'node:timers/promises';

/** The error code of an SDK service exception (`InvalidVpcID.NotFound`), if it is one. */
export function awsErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const name = (error as { name?: unknown }).name;
  const metadata = (error as { $metadata?: unknown }).$metadata;
  return metadata !== undefined && typeof name === 'string' ? name : undefined;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = awsErrorCode(error);
    return code && !error.message.startsWith(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}

/** What a delete or describe says when the resource is already gone. */
export function isNotFound(error: unknown): boolean {
  const code = awsErrorCode(error);
  return code !== undefined && code.endsWith('NotFound');
}

/** Calls `call`, and again after each delay while `isTransient` says its error will pass. */
export async function retryWhile<T>(
  isTransient: (error: unknown) => boolean,
  call: () => Promise<T>,
  delaysMs: readonly number[],
  onRetry?: (error: unknown, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error) || attempt >= delaysMs.length) throw error;
      onRetry?.(error, delaysMs[attempt]);
      await sleep(delaysMs[attempt]);
    }
  }
}

/**
 * EKS's answer when it cannot assume a role. Right after CreateRole or a policy change this
 * is IAM propagation, not a mistake: IAM changes reach other services after a few seconds.
 */
export function isRoleNotAssumableYet(error: unknown): boolean {
  return (
    awsErrorCode(error) === 'InvalidParameterException' &&
    /could not be assumed/i.test((error as Error).message)
  );
}
