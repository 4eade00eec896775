/**
 * Caches Cost Explorer answers per query (account + operation + request), not per
 * report: the cost tab and the finance page compose their reports from the same
 * entries. Concurrent identical queries share one call; a refresh bypasses the
 * cache and rewrites it.
 */
import { createHash } from 'node:crypto';
import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { Coalescer } from '../shared/coalescer';

/** JSON with object keys sorted, so equal requests give equal keys. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.keys(inner)
            .sort()
            .map(key => [key, inner[key]]),
        )
      : inner,
  );
}

export interface CostQuery {
  accountId: string;
  operation: string;
  request: object;
}

export class CostQueryCache {
  private readonly inFlight = new Coalescer<unknown>();
  private readonly refreshing = new Coalescer<unknown>();
  private answersStored = 0;

  constructor(
    private readonly cache: CacheService,
    private readonly ttlMs: number,
  ) {}

  /**
   * Counts the answers this process stored: a report composed before the count last
   * changed may rest on an answer that has since been replaced.
   */
  get generation(): number {
    return this.answersStored;
  }

  /** Hashed: cache stores limit key length (memcached: 250 bytes). */
  static keyOf(query: CostQuery): string {
    const digest = createHash('sha256')
      .update(stableJson(query.request))
      .digest('hex');
    return `cost:v1:${query.accountId}:${query.operation}:${digest}`;
  }

  /**
   * The cached answer, or `fetch`'s, shared with every concurrent identical query.
   * `fetch` must answer plain JSON (it is stored as is).
   */
  get<T>(
    query: CostQuery,
    fetch: () => Promise<T>,
    options: { refresh?: boolean } = {},
  ): Promise<T> {
    const key = CostQueryCache.keyOf(query);
    // A refresh must not be answered by a load that may end on the old entry.
    const pending = options.refresh ? this.refreshing : this.inFlight;
    return pending.run(key, () =>
      this.load(key, fetch, options.refresh ?? false),
    ) as Promise<T>;
  }

  private async load<T>(
    key: string,
    fetch: () => Promise<T>,
    refresh: boolean,
  ): Promise<T> {
    if (!refresh) {
      const cached = await this.cache.get<JsonValue>(key);
      if (cached !== undefined) return cached as unknown as T;
    }
    const answer = await fetch();
    await this.cache.set(key, answer as JsonValue, { ttl: this.ttlMs });
    this.answersStored += 1;
    return answer;
  }
}
