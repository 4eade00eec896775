import { CacheService } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Knex } from 'knex';
import { CacheFill } from './cacheFill';
import { DatabaseLeases } from './databaseLeases';

// PostgreSQL and Redis are the production stores; they are tested when provided
// (`yarn test:all` starts them with scripts/local-services.sh).
const postgres =
  process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const redisUrl = process.env.REDIS_URL;
const databaseIds: TestDatabaseId[] = postgres
  ? ['SQLITE_3', 'POSTGRES_15']
  : ['SQLITE_3'];
const cacheStores = redisUrl ? ['memory', 'redis'] : ['memory'];
const databases = TestDatabases.create({ ids: databaseIds });

if (process.env.EKS_PLATFORM_REQUIRE_SERVICES) {
  it('runs against PostgreSQL and Redis', () => {
    expect(databaseIds).toContain('POSTGRES_15');
    expect(cacheStores).toContain('redis');
  });
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** One cache client per replica, all on the same store (as separate processes are). */
function cacheClients(store: string, count: number): CacheService[] {
  const namespace = `cache-fill-test-${Math.random().toString(36).slice(2)}`;
  const config = new ConfigReader({
    backend: {
      cache:
        store === 'redis'
          ? { store, connection: redisUrl }
          : { store: 'memory' },
    },
  });
  if (store === 'memory') {
    const shared = CacheManager.fromConfig(config).forPlugin(namespace);
    return Array.from({ length: count }, () => shared);
  }
  return Array.from({ length: count }, () =>
    CacheManager.fromConfig(config).forPlugin(namespace),
  );
}

describe.each(databaseIds)('CacheFill across replicas on %s', databaseId => {
  let knex: Knex;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await DatabaseLeases.create({
      getClient: async () => knex,
      migrations: { skip: false },
    });
  }, 60_000);

  describe.each(cacheStores)('with the %s cache', store => {
    function replicas(count: number, leaseTtlMs = 60_000) {
      return cacheClients(store, count).map(
        cache =>
          new CacheFill(cache, new DatabaseLeases(knex), {
            leaseTtlMs,
            pollMs: 20,
          }),
      );
    }

    it('computes an entry once however many replicas and callers ask at once', async () => {
      const fills = replicas(3);
      const compute = jest.fn(async () => {
        await sleep(150);
        return { answer: 42 };
      });
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          fills[i % 3].get('entry-a', compute, { ttlMs: () => 60_000 }),
        ),
      );
      expect(compute).toHaveBeenCalledTimes(1);
      expect(answers).toEqual(Array(60).fill({ answer: 42 }));

      // Later callers on any replica are answered from the cache.
      await fills[2].get('entry-a', compute, { ttlMs: () => 60_000 });
      expect(compute).toHaveBeenCalledTimes(1);
    });

    it('computes each distinct entry once', async () => {
      const fills = replicas(2);
      const compute = jest.fn(async (key: string) => {
        await sleep(50);
        return key;
      });
      const keys = ['entry-b', 'entry-c', 'entry-d'];
      await Promise.all(
        keys.flatMap(key =>
          fills.map(fill =>
            fill.get(key, () => compute(key), { ttlMs: () => 60_000 }),
          ),
        ),
      );
      expect(compute.mock.calls.map(([key]) => key).sort()).toEqual(keys);
    });

    it('lets another replica compute an answer that is not stored, once the lease is released', async () => {
      const fills = replicas(3);
      const compute = jest.fn(async () => {
        await sleep(50);
        return { status: 'error' };
      });
      const answers = await Promise.all(
        fills.map(fill =>
          fill.get('entry-e', compute, { ttlMs: () => undefined }),
        ),
      );
      expect(answers).toEqual(Array(3).fill({ status: 'error' }));
      // Each replica may retry the upstream once, never more.
      expect(compute.mock.calls.length).toBeGreaterThanOrEqual(1);
      expect(compute.mock.calls.length).toBeLessThanOrEqual(3);
    });

    it('releases the lease when the computation fails, so others need not wait for it to expire', async () => {
      const [first, second] = replicas(2);
      await expect(
        first.get(
          'entry-f',
          async () => {
            throw new Error('Cost Explorer is down');
          },
          { ttlMs: () => 60_000 },
        ),
      ).rejects.toThrow('Cost Explorer is down');
      const started = Date.now();
      await expect(
        second.get('entry-f', async () => 'recovered', {
          ttlMs: () => 60_000,
        }),
      ).resolves.toBe('recovered');
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it('takes over from a replica that died holding the lease once it expires', async () => {
      const [survivor] = replicas(1, 500);
      // The dead replica's lease: never released.
      const dead = await new DatabaseLeases(knex).tryAcquire('entry-g', 500);
      expect(dead).toBeDefined();
      const started = Date.now();
      await expect(
        survivor.get('entry-g', async () => 'computed by the survivor', {
          ttlMs: () => 60_000,
        }),
      ).resolves.toBe('computed by the survivor');
      expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    });

    it('recomputes and replaces the entry on refresh', async () => {
      const [reader, refresher] = replicas(2);
      const stored = jest.fn();
      await reader.get('entry-h', async () => 'old', { ttlMs: () => 60_000 });
      await expect(
        refresher.refresh('entry-h', async () => 'new', {
          ttlMs: () => 60_000,
          onStored: stored,
        }),
      ).resolves.toBe('new');
      expect(stored).toHaveBeenCalledTimes(1);
      await expect(
        reader.get('entry-h', async () => 'unused', { ttlMs: () => 60_000 }),
      ).resolves.toBe('new');
    });
  });

  describe('DatabaseLeases', () => {
    it('gives a key to one holder at a time, and lets only that holder release it', async () => {
      const leases = new DatabaseLeases(knex);
      const other = new DatabaseLeases(knex);
      const lease = await leases.tryAcquire('lease-a', 60_000);
      expect(lease).toBeDefined();
      await expect(
        other.tryAcquire('lease-a', 60_000),
      ).resolves.toBeUndefined();
      await expect(other.isHeld('lease-a')).resolves.toBe(true);
      await lease!.release();
      await expect(other.isHeld('lease-a')).resolves.toBe(false);
      const next = await other.tryAcquire('lease-a', 60_000);
      expect(next).toBeDefined();
      // A stale holder's release does not free the new holder's lease.
      await lease!.release();
      await expect(leases.isHeld('lease-a')).resolves.toBe(true);
      await next!.release();
    });

    it('grants exactly one of many simultaneous requests', async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          new DatabaseLeases(knex).tryAcquire('lease-b', 60_000),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('keys leases of long cache keys by their hash', async () => {
      const leases = new DatabaseLeases(knex);
      const long = `capacity:v1:resource:default/${'x'.repeat(400)}`;
      const lease = await leases.tryAcquire(long, 60_000);
      expect(lease).toBeDefined();
      await expect(leases.isHeld(long)).resolves.toBe(true);
      await expect(leases.isHeld(`${long}y`)).resolves.toBe(false);
      await lease!.release();
    });
  });
});
