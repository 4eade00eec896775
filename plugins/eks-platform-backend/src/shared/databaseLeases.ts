/**
 * Leases in the plugin's database, shared by every backend replica: the row's primary
 * key makes taking a lease atomic on PostgreSQL and SQLite alike.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Lease, Leases } from './leases';

const TABLE = 'eks_platform_cache_leases';
const MAX_KEY_LENGTH = 255;

export class DatabaseLeases implements Leases {
  static async create(database: DatabaseService): Promise<DatabaseLeases> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@internal/plugin-eks-platform-backend',
          'migrations',
        ),
      });
    }
    return new DatabaseLeases(knex);
  }

  constructor(private readonly knex: Knex) {}

  async tryAcquire(key: string, ttlMs: number): Promise<Lease | undefined> {
    const id = rowKey(key);
    const holder = randomUUID();
    const now = Date.now();
    // An expired lease belongs to a replica that died or overran: it is free.
    await this.knex(TABLE)
      .where('key', id)
      .where('expires_at', '<=', now)
      .del();
    await this.knex(TABLE)
      .insert({ key: id, holder, expires_at: now + ttlMs })
      .onConflict('key')
      .ignore();
    const row = await this.knex(TABLE).where('key', id).first('holder');
    if (row?.holder !== holder) return undefined;
    return {
      release: async () => {
        await this.knex(TABLE).where({ key: id, holder }).del();
      },
    };
  }

  async isHeld(key: string): Promise<boolean> {
    const row = await this.knex(TABLE)
      .where('key', rowKey(key))
      .where('expires_at', '>', Date.now())
      .first('holder');
    return row !== undefined;
  }
}

/** Cache keys may be longer than the column (an entity ref is unbounded). */
function rowKey(key: string): string {
  if (key.length <= MAX_KEY_LENGTH) return key;
  return `sha256:${createHash('sha256').update(key).digest('hex')}`;
}
