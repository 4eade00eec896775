/**
 * Caches Cost Explorer answers per query (account + operation + request), not per
 * report: the cost tab and the finance page compose their reports from the same
 * entries. Concurrent identical queries, on any replica, share one call; a refresh
 * bypasses the cache and rewrites it.
 */
import { createHash } from 'node:crypto';
import { CacheService } from '@backstage/backend-plugin-api';
import { CacheFill } from '../shared/cacheFill';
import { Leases } from '../shared/leases';

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
  private answersStored = 0;
  private readonly fill: CacheFill;

  constructor(
    cache: CacheService,
    private readonly ttlMs: number,
    leases?: Leases,
  ) {
    this.fill = new CacheFill(cache, leases);
  }

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
   * The cached answer, or `fetch`'s, shared with every concurrent identical query of
   * every replica. `fetch` must answer plain JSON (it is stored as is).
   */
  get<T>(
    query: CostQuery,
    fetch: () => Promise<T>,
    options: { refresh?: boolean } = {},
  ): Promise<T> {
    const key = CostQueryCache.keyOf(query);
    const fill = {
      ttlMs: () => this.ttlMs,
      onStored: () => {
        this.answersStored += 1;
      },
    };
    return options.refresh
      ? this.fill.refresh(key, fetch, fill)
      : this.fill.get(key, fetch, fill);
  }
}
