/**
 * Several backend replicas on one PostgreSQL and one Redis, behind one balancer: the
 * deployment of app-config.production.yaml, on loopback. Each set gets databases and a
 * cache namespace of its own, so runs do not see each other's data; `close` drops the
 * databases (the cache entries expire).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import { startBalancer, RunningBalancer } from './balancer';
import { Replica } from './replica';
import { ServiceSettings } from './services';

/**
 * Loaded by every replica, in this order, before the set's own overrides. The
 * development sign-in is how the tests and bench/load sign their users in.
 */
export const REPLICA_CONFIG_FILES = [
  'app-config.yaml',
  'app-config.development.yaml',
  'packages/aws-sandbox/app-config.sandbox.yaml',
  'app-config.replicas.yaml',
];

export interface ReplicaSetOptions {
  replicas: number;
  services: ServiceSettings;
  /** The balancer's port; 0 picks a free one. */
  port?: number;
  /**
   * The address users reach, when app-config.replicas.yaml's is kept (the browser's
   * `http://localhost:7007`); the balancer's loopback address is announced otherwise.
   */
  keepConfiguredBaseUrl?: boolean;
  /** Ports of the replicas; free ones when absent. */
  replicaPorts?: number[];
  /** Config merged over REPLICA_CONFIG_FILES (the sandbox's address, say). */
  config?: object;
  /** Writes each replica's output to `<logDir>/<name>.log`. */
  logDir?: string;
  /** Also prints each replica's output, its lines prefixed with its name. */
  echo?: boolean;
  /** Added to each replica's environment (LOG_LEVEL, say). */
  env?: Record<string, string>;
}

export interface ReplicaSet {
  url: string;
  replicas: Replica[];
  balancer: RunningBalancer;
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise(resolve => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

export async function startReplicaSet(
  options: ReplicaSetOptions,
): Promise<ReplicaSet> {
  const runId = `${Date.now().toString(36)}${Math.random()
    .toString(36)
    .slice(2, 6)}`;
  const databasePrefix = `eks_replicas_${runId}_`;
  const port = options.port || (await freePort());
  const replicaPorts =
    options.replicaPorts ??
    (await Promise.all(
      Array.from({ length: options.replicas }, () => freePort()),
    ));
  const url = `http://127.0.0.1:${port}`;
  const baseUrls = options.keepConfiguredBaseUrl
    ? {}
    : {
        app: { baseUrl: url },
        backend: { baseUrl: url, cors: { origin: url } },
      };

  // JSON is YAML: the set's overrides, loaded last.
  const workDir = await mkdtemp(join(tmpdir(), 'eks-replicas-'));
  const overrides = join(workDir, 'app-config.set.yaml');
  await writeFile(
    overrides,
    JSON.stringify(
      deepMerge(
        deepMerge(baseUrls, {
          backend: {
            database: { prefix: databasePrefix },
            cache: { redis: { client: { namespace: `eks-${runId}` } } },
          },
        }),
        options.config ?? {},
      ),
    ),
  );

  const replicas = replicaPorts.map(
    (replicaPort, index) =>
      new Replica({
        name: `replica-${index + 1}`,
        port: replicaPort,
        configFiles: [...REPLICA_CONFIG_FILES, overrides],
        env: { ...options.services, ...options.env },
        echo: options.echo,
        logFile: options.logDir
          ? join(options.logDir, `replica-${index + 1}.log`)
          : undefined,
      }),
  );
  const balancer = await startBalancer({
    port,
    upstreams: replicas.map(replica => replica.url),
  });
  const close = async () => {
    await Promise.all(replicas.map(replica => replica.kill()));
    await balancer.close();
    await dropDatabases(options.services, databasePrefix);
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    // One at a time: both migrating the same fresh databases at once only adds waits.
    for (const replica of replicas) await replica.start();
  } catch (error) {
    await close();
    throw error;
  }
  return { url: balancer.url, replicas, balancer, close };
}

/** Drops the databases of one replica set (every plugin has its own). */
export async function dropDatabases(
  services: ServiceSettings,
  prefix: string,
): Promise<void> {
  const knex = knexFactory({
    client: 'pg',
    connection: {
      host: services.POSTGRES_HOST,
      port: Number(services.POSTGRES_PORT),
      user: services.POSTGRES_USER,
      password: services.POSTGRES_PASSWORD,
      database: 'postgres',
    },
  });
  try {
    const { rows } = await knex.raw(
      'select datname from pg_database where starts_with(datname, ?)',
      [prefix],
    );
    for (const { datname } of rows as { datname: string }[]) {
      await knex.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await knex.destroy();
  }
}

function deepMerge(base: object, override: object): object {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = result[key];
    result[key] =
      isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
