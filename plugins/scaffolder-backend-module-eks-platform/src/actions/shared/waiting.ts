/**
 * Waiting for AWS lifecycle transitions with the SDK's own waiters (`waitUntil…`), bounded
 * by `maxWaitTimeSeconds`, while the task log shows that the task is alive and for how long
 * it has been waiting.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';

export interface WaitSettings {
  /** Give up after this long; the waiter then throws a TimeoutError. */
  maxWaitTimeSeconds: number;
  /** First delay between two polls; doubles up to `maxDelaySeconds` (SDK waiter backoff). */
  minDelaySeconds: number;
  maxDelaySeconds: number;
  /** How often the task log says it is still waiting. */
  progressIntervalSeconds: number;
}

/**
 * NAT gateways take one to five minutes to become available and about one to be deleted.
 * The SDK's defaults (first poll after 15 s, then up to 120 s apart) are coarser than needed.
 */
export const DEFAULT_WAIT_SETTINGS: WaitSettings = {
  maxWaitTimeSeconds: 900,
  minDelaySeconds: 10,
  maxDelaySeconds: 30,
  progressIntervalSeconds: 30,
};

/** The `WaiterConfiguration` fields of `waitUntil…(config, input)` besides `client`. */
export interface WaiterTiming {
  maxWaitTime: number;
  minDelay: number;
  maxDelay: number;
  abortSignal?: AbortSignal;
}

export function waiterTiming(
  settings: WaitSettings,
  abortSignal?: AbortSignal,
): WaiterTiming {
  return {
    maxWaitTime: settings.maxWaitTimeSeconds,
    minDelay: settings.minDelaySeconds,
    maxDelay: settings.maxDelaySeconds,
    ...(abortSignal ? { abortSignal } : {}),
  };
}

function seconds(ms: number): string {
  const value = ms / 1000;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)}s`;
}

interface Described {
  status?: string;
  State?: string;
  health?: { issues?: { code?: string; message?: string }[] };
  FailureCode?: string;
  FailureMessage?: string;
}

/** The first object of a waiter's last answer that has a lifecycle state. */
function describedIn(value: unknown, depth = 0): Described | undefined {
  if (typeof value !== 'object' || value === null || depth > 4)
    return undefined;
  const candidate = value as Described;
  if (candidate.status || candidate.State) return candidate;
  for (const inner of Object.values(value)) {
    const found = describedIn(inner, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * An SDK waiter that reached a failure state throws its whole last answer as JSON; the
 * task log wants what AWS said: the state and its health issues or failure message.
 */
export function waiterFailure(error: unknown, what: string): unknown {
  if (!(error instanceof Error) || error.name !== 'Error') return error;
  let answer: { state?: string; reason?: unknown };
  try {
    answer = JSON.parse(error.message);
  } catch {
    return error;
  }
  if (answer.state !== 'FAILURE') return error;
  const described = describedIn(answer.reason);
  if (!described) return error;
  const reasons = [
    ...(described.health?.issues ?? []).map(i => `${i.code}: ${i.message}`),
    ...(described.FailureCode
      ? [`${described.FailureCode}: ${described.FailureMessage ?? ''}`]
      : []),
  ];
  return new Error(
    `Waited for ${what}, but it is ${described.status ?? described.State}${
      reasons.length ? ` (${reasons.join('; ')})` : ''
    }`,
    { cause: error },
  );
}

/**
 * Runs `wait` (an SDK waiter given the timing) and logs when it starts, every
 * `progressIntervalSeconds` while it runs, and when it ends, with the elapsed time.
 */
export async function waitWithProgress<T>(options: {
  logger: Pick<LoggerService, 'info' | 'warn'>;
  /** "3 NAT gateways (nat-1, nat-2, nat-3) to become available". */
  what: string;
  settings: WaitSettings;
  abortSignal?: AbortSignal;
  wait: (timing: WaiterTiming) => Promise<T>;
}): Promise<T> {
  const { logger, what, settings } = options;
  const started = Date.now();
  logger.info(`Waiting for ${what}, at most ${settings.maxWaitTimeSeconds}s`);
  const timer = setInterval(() => {
    logger.info(
      `Still waiting for ${what}: ${seconds(Date.now() - started)} elapsed`,
    );
  }, settings.progressIntervalSeconds * 1000);
  try {
    const result = await options.wait(
      waiterTiming(settings, options.abortSignal),
    );
    logger.info(
      `Done waiting for ${what} after ${seconds(Date.now() - started)}`,
    );
    return result;
  } catch (error) {
    logger.warn(
      `Stopped waiting for ${what} after ${seconds(Date.now() - started)}`,
    );
    throw waiterFailure(error, what);
  } finally {
    clearInterval(timer);
  }
}

/**
 * Delays between retries of a call AWS refuses for a while (IAM propagation): the waiter's
 * backoff, `minDelaySeconds` doubling up to `maxDelaySeconds`, `attempts` times.
 */
export function retryDelaysMs(settings: WaitSettings, attempts = 8): number[] {
  const delays: number[] = [];
  let delay = settings.minDelaySeconds;
  for (let i = 0; i < attempts; i++) {
    delays.push(Math.round(Math.min(delay, settings.maxDelaySeconds) * 1000));
    delay *= 2;
  }
  return delays;
}
