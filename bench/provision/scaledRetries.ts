/**
 * The SDK's standard retries with their backoff scaled like the sandbox's lifecycle
 * durations. The sandbox runs AWS's time × timeScale, but the SDK waits real seconds
 * between retries (up to 20 s for throttling): at × 0.02 one such wait stands for 1000 AWS
 * seconds. Scaling the backoff keeps a faulted run comparable with its critical path. The
 * exponential backoff with full jitter, the retried error types and the attempts are the
 * standard strategy's (`@smithy/util-retry`); the adaptive mode's client-side rate limiter
 * is left out, as its fill rate is measured in real time.
 */
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';

interface RetryErrorInfo {
  errorType: 'THROTTLING' | 'TRANSIENT' | 'SERVER_ERROR' | 'CLIENT_ERROR';
}

/** Base delays of the standard strategy (DEFAULT_RETRY_DELAY_BASE, THROTTLING_RETRY_DELAY_BASE). */
const BASE_MS = 100;
const THROTTLING_BASE_MS = 500;
const MAX_DELAY_MS = 20_000;

function scaledStrategy(maxAttempts: number, scale: number) {
  const token = (count: number, delayMs: number) => ({
    getRetryCount: () => count,
    getRetryDelay: () => delayMs,
  });
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => token(0, 0),
    refreshRetryTokenForRetry: async (
      previous: ReturnType<typeof token>,
      info: RetryErrorInfo,
    ) => {
      const attempt = previous.getRetryCount() + 1;
      if (attempt >= maxAttempts || info.errorType === 'CLIENT_ERROR') {
        throw new Error('no retry');
      }
      const base =
        info.errorType === 'THROTTLING' ? THROTTLING_BASE_MS : BASE_MS;
      const delay = Math.min(MAX_DELAY_MS, Math.random() * 2 ** attempt * base);
      return token(attempt, Math.floor(delay * scale));
    },
    recordSuccess: () => {},
  };
}

/** The factory, with every client it makes retrying on the scaled strategy. */
export function withScaledRetries(
  factory: AwsClientFactory,
  scale: number,
  maxAttempts = 5,
): Pick<AwsClientFactory, 'create'> {
  return {
    async create(ClientClass, target) {
      const client = await factory.create(ClientClass, target);
      // The retry middleware reads the strategy from the client's config on each call.
      (
        client as { config: { retryStrategy: () => Promise<unknown> } }
      ).config.retryStrategy = async () => scaledStrategy(maxAttempts, scale);
      return client;
    },
  };
}
