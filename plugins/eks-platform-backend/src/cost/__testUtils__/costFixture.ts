/**
 * The sandbox with the three seeded DPJ environments, their cluster entities, and a test
 * backend running the whole plugin against it with controllable permissions and a
 * scheduler whose refresh task the test runs itself. Tests only.
 */
import { resolve as resolvePath } from 'node:path';
import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostAndUsageCommandInput,
  GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import {
  CacheService,
  CacheServiceOptions,
  coreServices,
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject, JsonValue } from '@backstage/types';
import {
  DEFAULT_SANDBOX_ACCOUNTS,
  defaultSandboxServices,
  RunningSandbox,
  startSandbox,
} from '@internal/aws-sandbox';
import request from 'supertest';
import { eksPlatformPlugin } from '../../plugin';
import { COST_REFRESH_TASK_ID } from '../refresh';

/** Every Date in the test process, the sandbox's clock included, reads this instant. */
export const NOW = new Date('2026-10-14T15:00:00Z');

/** Fakes Date only (timers, sockets and the SDK's retries keep running for real). */
export function freezeDate(now: Date = NOW) {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/** Allowed to read cost; any other user is denied. Services are allowed. */
export const FINANCE_USER = 'user:default/finance-analyst';
export const OTHER_USER = 'user:default/mallory';

export interface DpjCluster {
  name: string;
  accountId: string;
  accessKeyId: string;
  environment: string;
}

export const DPJ_CLUSTERS: DpjCluster[] = [
  {
    name: 'dpj-dev-cluster',
    accountId: '111111111111',
    accessKeyId: 'AKIDSANDBOXDEV',
    environment: 'dev',
  },
  {
    name: 'dpj-staging-cluster',
    accountId: '222222222222',
    accessKeyId: 'AKIDSANDBOXSTAGING',
    environment: 'staging',
  },
  {
    name: 'dpj-prod-cluster',
    accountId: '333333333333',
    accessKeyId: 'AKIDSANDBOXPROD',
    environment: 'production',
  },
];

/** catalog-info.yaml, as app-config.yaml lists it in catalog.locations. */
export const CATALOG_INFO_TARGET = '../../catalog-info.yaml';
/** The location the catalog gives catalog-info.yaml's entities (file targets resolve against the working directory). */
export const CATALOG_INFO_LOCATION = `file:${resolvePath(CATALOG_INFO_TARGET)}`;

/** A cluster entity as catalog-info.yaml declares them, once the catalog has read it. */
export function clusterEntity(
  cluster: Pick<DpjCluster, 'name' | 'environment'> & { accountId?: string },
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: cluster.name,
      namespace: 'default',
      title: `${cluster.name} (EKS)`,
      annotations: {
        'eks-platform/environment': cluster.environment,
        'eks-platform/region': 'eu-west-3',
        'kubernetes.io/x-k8s-aws-id': cluster.name,
        ...(cluster.accountId
          ? { 'kubernetes.io/aws-account-id': cluster.accountId }
          : {}),
        'backstage.io/managed-by-location': CATALOG_INFO_LOCATION,
        'backstage.io/managed-by-origin-location': CATALOG_INFO_LOCATION,
        ...annotations,
      },
    },
    spec: { type: 'kubernetes-cluster', owner: 'group:default/platform-team' },
  };
}

/** dev and prod name their tags; staging relies on the environment=<environment> default. */
export const DPJ_ENTITIES: Entity[] = [
  clusterEntity(DPJ_CLUSTERS[0], {
    'eks-platform/cost-allocation-tags': 'environment=dev,project=dpj',
  }),
  clusterEntity(DPJ_CLUSTERS[1], {
    'eks-platform/cost-monthly-budget': '2500.50',
  }),
  clusterEntity(DPJ_CLUSTERS[2], {
    'eks-platform/cost-allocation-tags': 'environment=production,project=dpj',
  }),
];

/** An account the configuration has keys for but AWS (the sandbox) refuses. */
export const LOST_ACCOUNT = {
  accountId: '444444444444',
  accessKeyId: 'AKIDREVOKED',
};

export interface CostFixture {
  sandbox: RunningSandbox;
  config: JsonObject;
  /** Cost Explorer calls the sandbox answered since the last `clearCalls()`. */
  ceCalls(): Promise<
    Array<{ operation: string; accountId: string; region: string }>
  >;
  clearCalls(): Promise<void>;
  /** A Cost Explorer client of the sandbox for the test's own reference queries. */
  costExplorer(cluster: DpjCluster): CostExplorerClient;
  /** A reference query, not counted by later `ceCalls()` if made before `clearCalls()`. */
  getCostAndUsage(
    cluster: DpjCluster,
    input: GetCostAndUsageCommandInput,
  ): Promise<GetCostAndUsageCommandOutput>;
  close(): Promise<void>;
}

export async function startCostFixture(): Promise<CostFixture> {
  const sandbox = await startSandbox({
    timeScale: 0.001,
    accounts: DEFAULT_SANDBOX_ACCOUNTS,
    ...defaultSandboxServices({ seed: true }),
  });
  const costExplorer = (cluster: DpjCluster) =>
    new CostExplorerClient({
      region: 'us-east-1',
      endpoint: sandbox.url,
      credentials: {
        accessKeyId: cluster.accessKeyId,
        secretAccessKey: 'sandbox',
      },
    });
  const clearCalls = async () => {
    await fetch(`${sandbox.url}/_sandbox/calls`, { method: 'DELETE' });
  };
  return {
    sandbox,
    config: {
      catalog: {
        locations: [{ type: 'file', target: CATALOG_INFO_TARGET }],
      },
      aws: {
        accounts: [
          ...DPJ_CLUSTERS.map(c => ({
            accountId: c.accountId,
            accessKeyId: c.accessKeyId,
            secretAccessKey: 'sandbox',
          })),
          { ...LOST_ACCOUNT, secretAccessKey: 'sandbox' },
        ],
      },
      eksPlatform: {
        // No retries: a scripted fault fails its call, whatever the SDK makes of the
        // frozen clock (it retries an error once after correcting its clock skew).
        aws: { endpoint: sandbox.url, maxAttempts: 1 },
        cost: { monthlyBudgets: { production: 9000 } },
      },
    },
    async ceCalls() {
      const response = await fetch(`${sandbox.url}/_sandbox/calls`);
      const { calls } = (await response.json()) as {
        calls: Array<{
          service: string;
          operation: string;
          accountId: string;
          region: string;
        }>;
      };
      return calls
        .filter(c => c.service === 'ce')
        .map(({ operation, accountId, region }) => ({
          operation,
          accountId,
          region,
        }));
    },
    clearCalls,
    costExplorer,
    async getCostAndUsage(cluster, input) {
      const client = costExplorer(cluster);
      try {
        return await client.send(new GetCostAndUsageCommand(input));
      } finally {
        client.destroy();
      }
    },
    close: () => sandbox.close(),
  };
}

/**
 * A cache of its own for each test backend (the default test cache's memory store
 * outlives one backend), with TTLs on the (frozen) clock.
 */
class MapCache implements CacheService {
  constructor(
    private readonly entries = new Map<
      string,
      { value: JsonValue; expires: number }
    >(),
  ) {}
  async get<TValue extends JsonValue>(key: string) {
    const entry = this.entries.get(key);
    if (!entry || entry.expires <= Date.now()) return undefined;
    return entry.value as TValue;
  }
  async set(key: string, value: JsonValue, options: { ttl?: unknown } = {}) {
    const ttl = typeof options.ttl === 'number' ? options.ttl : Infinity;
    this.entries.set(key, { value, expires: Date.now() + ttl });
  }
  async delete(key: string) {
    this.entries.delete(key);
  }
  withOptions(_options: CacheServiceOptions): CacheService {
    return this;
  }
}

export interface CostBackend {
  server: Parameters<typeof request>[0];
  permissions: ReturnType<typeof mockServices.permissions.mock>;
  permissionsRegistry: ReturnType<typeof mockServices.permissionsRegistry.mock>;
  catalog: ReturnType<typeof catalogServiceMock.mock>;
  /** The scheduled refresh task, as registered. */
  refreshTask(): SchedulerServiceTaskInvocationDefinition & {
    scope?: string;
    frequency?: unknown;
    timeout?: unknown;
    initialDelay?: unknown;
  };
  get(path: string, user?: string): request.Test;
}

/** The whole plugin, against the sandbox, with the given entities and extra cost config. */
export async function startCostBackend(
  fixture: CostFixture,
  options: { entities?: Entity[]; cost?: JsonObject } = {},
): Promise<CostBackend> {
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(() => ({
        result:
          credentials.principal &&
          typeof credentials.principal === 'object' &&
          'type' in credentials.principal &&
          (credentials.principal.type === 'service' ||
            (credentials.principal.type === 'user' &&
              'userEntityRef' in credentials.principal &&
              credentials.principal.userEntityRef === FINANCE_USER))
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      })),
  });
  const permissionsRegistry = mockServices.permissionsRegistry.mock();
  const scheduler = mockServices.scheduler.mock();
  const catalog = catalogServiceMock.mock();
  const entities = options.entities ?? DPJ_ENTITIES;
  // The in-memory catalog answers getEntities filters and getEntityByRef.
  const inMemory = catalogServiceMock({ entities });
  catalog.getEntities.mockImplementation((req, opts) =>
    inMemory.getEntities(req, opts as any),
  );
  catalog.getEntityByRef.mockImplementation((ref, opts) =>
    inMemory.getEntityByRef(ref, opts as any),
  );
  const config = fixture.config as {
    eksPlatform: { cost: JsonObject } & JsonObject;
  } & JsonObject;
  const { server } = await startTestBackend({
    features: [
      eksPlatformPlugin,
      catalog.factory,
      permissions.factory,
      permissionsRegistry.factory,
      scheduler.factory,
      createServiceFactory({
        service: coreServices.cache,
        deps: {},
        factory: () => new MapCache(),
      }),
      mockServices.rootConfig.factory({
        data: {
          ...config,
          eksPlatform: {
            ...config.eksPlatform,
            cost: { ...config.eksPlatform.cost, ...options.cost },
          },
        },
      }),
    ],
  });
  return {
    server,
    permissions,
    permissionsRegistry,
    catalog,
    refreshTask() {
      const task = scheduler.scheduleTask.mock.calls.find(
        ([t]) => t.id === COST_REFRESH_TASK_ID,
      )?.[0];
      if (!task) throw new Error('the cost refresh task was not scheduled');
      return task as ReturnType<CostBackend['refreshTask']>;
    },
    get: (path, user = FINANCE_USER) =>
      request(server)
        .get(`/api/eks-platform${path}`)
        .set('Authorization', mockCredentials.user.header(user)),
  };
}
