import { mockServices } from '@backstage/backend-test-utils';
import { CostQueryCache, stableJson } from './queryCache';

const query = (request: object, accountId = '111111111111') => ({
  accountId,
  operation: 'GetCostAndUsage',
  request,
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A CacheService mock backed by a Map, so calls can be counted. */
function memoryCache() {
  const store = new Map<string, unknown>();
  const mock = mockServices.cache.mock({
    get: jest.fn(async (key: string) => store.get(key) as any),
    set: jest.fn(async (key: string, value: unknown) => {
      store.set(key, value);
    }),
  });
  return Object.assign(mock, { store });
}

describe('stableJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(stableJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,1]},"b":1}',
    );
    expect(stableJson({ a: 1, b: 2 })).toBe(stableJson({ b: 2, a: 1 }));
  });
});

describe('CostQueryCache', () => {
  it('keys by account, operation and request, whatever the key order', () => {
    const key = CostQueryCache.keyOf(query({ A: 1, B: 2 }));
    expect(key).toMatch(/^cost:v1:111111111111:GetCostAndUsage:[0-9a-f]{64}$/);
    expect(CostQueryCache.keyOf(query({ B: 2, A: 1 }))).toBe(key);
    expect(CostQueryCache.keyOf(query({ A: 1, B: 3 }))).not.toBe(key);
    expect(
      CostQueryCache.keyOf(query({ A: 1, B: 2 }, '222222222222')),
    ).not.toBe(key);
    expect(
      CostQueryCache.keyOf({ ...query({ A: 1, B: 2 }), operation: 'X' }),
    ).not.toBe(key);
  });

  it('shares one fetch between concurrent identical queries, then serves the cache', async () => {
    const backing = memoryCache();
    const cache = new CostQueryCache(backing, 60_000);
    const answer = deferred<{ n: number }>();
    const fetch = jest.fn(() => answer.promise);
    const loads = Array.from({ length: 5 }, () =>
      cache.get(query({ A: 1 }), fetch),
    );
    answer.resolve({ n: 1 });
    expect(await Promise.all(loads)).toEqual(Array(5).fill({ n: 1 }));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(backing.set).toHaveBeenCalledTimes(1);
    expect(backing.set).toHaveBeenCalledWith(
      CostQueryCache.keyOf(query({ A: 1 })),
      { n: 1 },
      { ttl: 60_000 },
    );

    const again = jest.fn(async () => ({ n: 2 }));
    expect(await cache.get(query({ A: 1 }), again)).toEqual({ n: 1 });
    expect(again).not.toHaveBeenCalled();
  });

  it('refresh bypasses the entry, rewrites it and is not answered by a plain load', async () => {
    const backing = memoryCache();
    const cache = new CostQueryCache(backing, 60_000);
    await cache.get(query({ A: 1 }), async () => ({ n: 1 }));
    // A plain load still in flight (slow cache read) must not answer the refresh.
    const slowRead = deferred<void>();
    backing.get.mockImplementationOnce(async (key: string) => {
      await slowRead.promise;
      return backing.store.get(key) as any;
    });
    const plain = cache.get(query({ A: 1 }), async () => ({ n: 99 }));
    const refreshed = await cache.get(query({ A: 1 }), async () => ({ n: 2 }), {
      refresh: true,
    });
    slowRead.resolve();
    expect(refreshed).toEqual({ n: 2 });
    expect(await plain).toEqual({ n: 2 });
    expect(await cache.get(query({ A: 1 }), async () => ({ n: 3 }))).toEqual({
      n: 2,
    });
  });

  it('does not cache failures, and lets the next caller retry', async () => {
    const backing = memoryCache();
    const cache = new CostQueryCache(backing, 60_000);
    await expect(
      cache.get(query({ A: 1 }), async () => {
        throw new Error('LimitExceededException');
      }),
    ).rejects.toThrow('LimitExceededException');
    expect(backing.set).not.toHaveBeenCalled();
    expect(await cache.get(query({ A: 1 }), async () => ({ n: 1 }))).toEqual({
      n: 1,
    });
  });
});
