/**
 * Fills cache entries so that each is computed once per cache period, however many
 * callers and backend replicas ask for it at the same time:
 * - within a process, concurrent callers of one key share one computation;
 * - across replicas (sharing the cache store and the database), the replica holding
 *   the key's lease computes it and the others wait for its answer in the cache.
 * An answer that is not stored (an error report, say) is computed again by the next
 * caller once the lease is released.
 */
import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { Coalescer } from './coalescer';
import { Leases, ProcessLeases } from './leases';

export interface CacheFillOptions {
  /** How long a replica may compute one entry before others may take over. */
  leaseTtlMs?: number;
  /** How often a waiting replica looks for the other's answer. */
  pollMs?: number;
}

export interface FillOptions<T> {
  /** The answer's time to live in the cache; undefined: do not store it. */
  ttlMs: (answer: T) => number | undefined;
  /** Called once the answer is in the cache. */
  onStored?: () => void;
}

const DEFAULT_LEASE_TTL_MS = 60_000;
const DEFAULT_POLL_MS = 100;

export class CacheFill {
  private readonly reading = new Coalescer<unknown>();
  private readonly refreshing = new Coalescer<unknown>();
  private readonly leaseTtlMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly cache: CacheService,
    private readonly leases: Leases = new ProcessLeases(),
    options: CacheFillOptions = {},
  ) {
    this.leaseTtlMs = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  }

  /** The cached answer, or one computation's shared with every concurrent caller. */
  get<T>(key: string, compute: () => Promise<T>, fill: FillOptions<T>) {
    return this.reading.run(key, () =>
      this.load(key, compute, fill, false),
    ) as Promise<T>;
  }

  /** Computes the answer again and replaces the cached one. */
  refresh<T>(key: string, compute: () => Promise<T>, fill: FillOptions<T>) {
    // Not shared with readers: their load may end on the entry being replaced.
    return this.refreshing.run(key, () =>
      this.load(key, compute, fill, true),
    ) as Promise<T>;
  }

  private async load<T>(
    key: string,
    compute: () => Promise<T>,
    fill: FillOptions<T>,
    refresh: boolean,
  ): Promise<T> {
    for (;;) {
      if (!refresh) {
        const cached = await this.cached<T>(key);
        if (cached !== undefined) return cached;
      }
      const lease = await this.leases.tryAcquire(key, this.leaseTtlMs);
      if (lease) {
        try {
          // The previous holder may have stored it since the read above.
          const cached = refresh ? undefined : await this.cached<T>(key);
          if (cached !== undefined) return cached;
          const answer = await compute();
          const ttl = fill.ttlMs(answer);
          if (ttl !== undefined) {
            await this.cache.set(key, answer as unknown as JsonValue, { ttl });
            fill.onStored?.();
          }
          return answer;
        } finally {
          await lease.release();
        }
      }
      await this.waitForHolder(key, refresh);
    }
  }

  /** Until the holder's answer is cached or its lease ends (released or expired). */
  private async waitForHolder(key: string, refresh: boolean): Promise<void> {
    for (;;) {
      await new Promise(resolve => setTimeout(resolve, this.pollMs));
      if (!refresh && (await this.cached(key)) !== undefined) return;
      if (!(await this.leases.isHeld(key))) return;
    }
  }

  private async cached<T>(key: string): Promise<T | undefined> {
    return (await this.cache.get<JsonValue>(key)) as T | undefined;
  }
}
