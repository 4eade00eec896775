/**
 * The cost routes' contract: permission first, then parameters, entity, and Cost
 * Explorer failures, against the sandbox through the real SDK.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  ClusterCostReport,
  eksPlatformCostReadPermission,
  FinanceCostReport,
} from '@internal/plugin-eks-platform-common';
import request from 'supertest';
import {
  CATALOG_INFO_LOCATION,
  clusterEntity,
  CostFixture,
  DPJ_CLUSTERS,
  DPJ_ENTITIES,
  FINANCE_USER,
  freezeDate,
  LOST_ACCOUNT,
  OTHER_USER,
  startCostBackend,
  startCostFixture,
} from './__testUtils__/costFixture';

jest.setTimeout(60_000);

describe('cost routes', () => {
  let fixture: CostFixture;

  beforeAll(async () => {
    freezeDate();
    fixture = await startCostFixture();
  });
  afterAll(async () => {
    await fixture?.close();
    jest.useRealTimers();
  });
  beforeEach(async () => {
    fixture.sandbox.context.faults.reset();
    await fixture.clearCalls();
  });

  it('registers the cost permission and schedules the refresh as configured', async () => {
    const backend = await startCostBackend(fixture);
    expect(backend.permissionsRegistry.addPermissions).toHaveBeenCalledWith([
      eksPlatformCostReadPermission,
    ]);
    expect(backend.refreshTask()).toMatchObject({
      id: 'eks-platform-cost-refresh',
      scope: 'global',
      frequency: { minutes: 240 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 10 },
    });
    const tuned = await startCostBackend(fixture, {
      cost: { refreshIntervalMinutes: 30 },
    });
    expect(tuned.refreshTask().frequency).toEqual({ minutes: 30 });
    // Starting schedules; nothing is fetched until the task runs.
    expect(await fixture.ceCalls()).toEqual([]);
  });

  it('refuses callers without the permission before the cache, the catalog or AWS, even with the report cached', async () => {
    const backend = await startCostBackend(fixture);
    const warm = await backend.get('/cost/default/dpj-dev-cluster');
    expect(warm.status).toBe(200);
    const finance = await backend.get('/cost/environments');
    expect(finance.status).toBe(200);
    await fixture.clearCalls();
    const catalogCalls =
      backend.catalog.getEntityByRef.mock.calls.length +
      backend.catalog.getEntities.mock.calls.length;

    for (const path of [
      '/cost/default/dpj-dev-cluster',
      '/cost/default/dpj-dev-cluster?months=99',
      '/cost/default/nothing-here',
      '/cost/environments',
    ]) {
      const denied = await backend.get(path, OTHER_USER);
      expect(denied.status).toBe(403);
      expect(denied.body).toEqual({
        error: expect.objectContaining({
          name: 'NotAllowedError',
          message:
            'Reading AWS cost requires the eks-platform.cost.read permission',
        }),
        request: expect.anything(),
        response: { statusCode: 403 },
      });
    }
    expect(await fixture.ceCalls()).toEqual([]);
    expect(
      backend.catalog.getEntityByRef.mock.calls.length +
        backend.catalog.getEntities.mock.calls.length,
    ).toBe(catalogCalls);
    expect(backend.permissions.authorize).toHaveBeenLastCalledWith(
      [{ permission: eksPlatformCostReadPermission }],
      { credentials: mockCredentials.user(OTHER_USER) },
    );
  });

  it('serves other plugins (service principals) holding the permission', async () => {
    const backend = await startCostBackend(fixture);
    const response = await request(backend.server)
      .get('/api/eks-platform/cost/environments')
      .set('Authorization', mockCredentials.service.header());
    expect(response.status).toBe(200);
    expect((response.body as FinanceCostReport).environments).toHaveLength(3);
  });

  it('refuses callers without valid credentials', async () => {
    const backend = await startCostBackend(fixture);
    const response = await request(backend.server)
      .get('/api/eks-platform/cost/environments')
      .set('Authorization', mockCredentials.user.invalidHeader());
    expect(response.status).toBe(401);
  });

  it.each([
    [
      '/cost/default/dpj-dev-cluster?months=0',
      'months must be a whole number from 1 to 13, got "0"',
    ],
    [
      '/cost/default/dpj-dev-cluster?months=14',
      'months must be a whole number from 1 to 13, got "14"',
    ],
    [
      '/cost/default/dpj-dev-cluster?months=three',
      'months must be a whole number from 1 to 13, got "three"',
    ],
    [
      '/cost/default/dpj-dev-cluster?months=1&months=2',
      'months must be a whole number from 1 to 13, got ["1","2"]',
    ],
    [
      '/cost/default/dpj-dev-cluster?metric=BlendedCost',
      'metric must be one of UnblendedCost, AmortizedCost, NetAmortizedCost, got "BlendedCost"',
    ],
    [
      '/cost/environments?metric=amortizedcost',
      'metric must be one of UnblendedCost, AmortizedCost, NetAmortizedCost, got "amortizedcost"',
    ],
    [
      '/cost/default/bad%20name',
      "Invalid 'name': expected a catalog entity name",
    ],
    [
      '/cost/-x/dpj-dev-cluster',
      "Invalid 'namespace': expected a catalog entity namespace",
    ],
  ])('answers 400 naming the parameter: %s', async (path, message) => {
    const backend = await startCostBackend(fixture);
    const response = await backend.get(path);
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toContain(message);
    expect(await fixture.ceCalls()).toEqual([]);
  });

  it('answers 404 for unknown entities and for resources that are not clusters', async () => {
    const backend = await startCostBackend(fixture, {
      entities: [
        ...DPJ_ENTITIES,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'a-bucket', namespace: 'default' },
          spec: { type: 's3-bucket' },
        },
      ],
    });
    for (const name of ['nothing-here', 'a-bucket']) {
      const response = await backend.get(`/cost/default/${name}`);
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe(
        `No kubernetes-cluster resource named default/${name}`,
      );
    }
    expect(await fixture.ceCalls()).toEqual([]);
  });

  it('answers 400 naming the annotation of a cluster whose costs cannot be found', async () => {
    const dev = DPJ_CLUSTERS[0];
    const backend = await startCostBackend(fixture, {
      entities: [
        clusterEntity({ name: 'no-account', environment: 'dev' }),
        clusterEntity(
          { ...dev, name: 'bad-tags' },
          { 'eks-platform/cost-allocation-tags': 'environment' },
        ),
        clusterEntity(
          { ...dev, name: 'bad-budget' },
          { 'eks-platform/cost-monthly-budget': '-3' },
        ),
      ],
    });
    const expectations = {
      'no-account':
        'Annotation kubernetes.io/aws-account-id must be a 12-digit AWS account ID, got undefined',
      'bad-tags':
        'Annotation eks-platform/cost-allocation-tags is invalid: "environment" is not key=value',
      'bad-budget':
        'Annotation eks-platform/cost-monthly-budget must be a positive decimal amount such as 1500 or 1250.50, got "-3"',
    };
    for (const [name, message] of Object.entries(expectations)) {
      const response = await backend.get(`/cost/default/${name}`);
      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        name: 'InputError',
        message,
      });
    }
    expect(await fixture.ceCalls()).toEqual([]);
  });

  it("reads entities with the caller's credentials: the finance page sums only what the caller sees", async () => {
    const backend = await startCostBackend(fixture);
    await backend.get('/cost/default/dpj-dev-cluster');
    expect(backend.catalog.getEntityByRef).toHaveBeenCalledWith(
      'resource:default/dpj-dev-cluster',
      { credentials: mockCredentials.user(FINANCE_USER) },
    );
    backend.catalog.getEntities.mockResolvedValueOnce({
      items: [DPJ_ENTITIES[0]],
    });
    const finance = await backend.get('/cost/environments');
    expect(backend.catalog.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
      }),
      { credentials: mockCredentials.user(FINANCE_USER) },
    );
    const body = finance.body as FinanceCostReport;
    expect(body.environments.map(e => e.entityRef)).toEqual([
      'resource:default/dpj-dev-cluster',
    ]);
    expect(body.totals.monthToDate).toBe(
      body.environments[0].monthToDate?.amount,
    );
  });

  it('answers 503 naming the account and operation when Cost Explorer fails, and does not cache the failure', async () => {
    const backend = await startCostBackend(fixture);
    fixture.sandbox.context.faults.script({
      service: 'ce',
      operation: 'GetCostAndUsage',
      code: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::111111111111:assumed-role/backstage is not authorized to perform: ce:GetCostAndUsage',
      status: 400,
    });
    const failed = await backend.get('/cost/default/dpj-dev-cluster');
    expect(failed.status).toBe(503);
    expect(failed.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message:
        'Cost Explorer GetCostAndUsage failed for account 111111111111: AccessDeniedException: User: arn:aws:sts::111111111111:assumed-role/backstage is not authorized to perform: ce:GetCostAndUsage',
    });
    await fixture.clearCalls();
    // Only the failed query runs again: the others were cached as they answered.
    const retried = await backend.get('/cost/default/dpj-dev-cluster');
    expect(retried.status).toBe(200);
    expect(await fixture.ceCalls()).toEqual([
      {
        operation: 'GetCostAndUsage',
        accountId: '111111111111',
        region: 'us-east-1',
      },
    ]);
  });

  it('reports without a forecast when AWS has too little history to forecast', async () => {
    const backend = await startCostBackend(fixture);
    fixture.sandbox.context.faults.script({
      service: 'ce',
      operation: 'GetCostForecast',
      code: 'DataUnavailableException',
      message: 'Insufficient amount of historical data to generate forecast.',
      status: 400,
    });
    const response = await backend.get('/cost/default/dpj-staging-cluster');
    expect(response.status).toBe(200);
    const report = response.body as ClusterCostReport;
    expect(report.monthToDate.forecast).toBeUndefined();
    expect(report.monthToDate.projectedMonthTotal).toBe(
      report.monthToDate.amount,
    );
    expect(report.monthToDate.amount).toBeGreaterThan(0);
    // Staging's budget annotation, 2500.50, is far above its month to date.
    expect(report.monthToDate).toMatchObject({
      budget: { amount: 2500.5, source: 'annotation' },
      status: 'under',
    });
    expect(
      (await fixture.ceCalls()).filter(c => c.operation === 'GetCostForecast'),
    ).toHaveLength(1);
  });

  it('gives a failing environment an error line on the finance page, not a failed page', async () => {
    const backend = await startCostBackend(fixture, {
      entities: [
        ...DPJ_ENTITIES,
        clusterEntity({ name: 'dpj-broken-cluster', environment: 'qa' }),
        clusterEntity({
          name: 'dpj-lost-cluster',
          environment: 'qa',
          accountId: LOST_ACCOUNT.accountId,
        }),
      ],
    });
    const response = await backend.get('/cost/environments');
    expect(response.status).toBe(200);
    const report = response.body as FinanceCostReport;
    expect(report.environments.map(e => e.entityRef)).toEqual([
      'resource:default/dpj-broken-cluster',
      'resource:default/dpj-dev-cluster',
      'resource:default/dpj-lost-cluster',
      'resource:default/dpj-prod-cluster',
      'resource:default/dpj-staging-cluster',
    ]);
    const [broken, dev, lost, prod, staging] = report.environments;
    expect(broken).toEqual({
      entityRef: 'resource:default/dpj-broken-cluster',
      title: 'dpj-broken-cluster (EKS)',
      environment: 'qa',
      error:
        'Annotation kubernetes.io/aws-account-id must be a 12-digit AWS account ID, got undefined',
    });
    expect(lost).toEqual({
      entityRef: 'resource:default/dpj-lost-cluster',
      title: 'dpj-lost-cluster (EKS)',
      environment: 'qa',
      accountId: '444444444444',
      error: expect.stringMatching(
        /^Cost Explorer (GetCostAndUsage|GetCostForecast) failed for account 444444444444: InvalidClientTokenId: The security token included in the request is invalid\.$/,
      ),
    });
    for (const line of [dev, prod, staging]) {
      expect(line.error).toBeUndefined();
      expect(line.monthToDate?.amount).toBeGreaterThan(0);
    }
    expect(report.totals.environmentsWithoutFigures).toBe(2);
    expect(report.totals.monthToDate).toBeCloseTo(
      dev.monthToDate!.amount +
        prod.monthToDate!.amount +
        staging.monthToDate!.amount,
      8,
    );
    expect(report.totals.budget).toBe(9000 + 2500.5);
  });

  describe('entities the product does not manage', () => {
    const EVIL_LOCATION = 'url:https://evil.example/catalog-info.yaml';
    /** Registered by anyone, naming the dev account and the dev environment's tags. */
    const registered = clusterEntity(
      { ...DPJ_CLUSTERS[0], name: 'borrowed-cluster' },
      {
        'backstage.io/managed-by-location': EVIL_LOCATION,
        'backstage.io/managed-by-origin-location': EVIL_LOCATION,
        'eks-platform/cost-allocation-tags': 'environment=dev,project=dpj',
      },
    );
    /** From catalog-info.yaml, but naming an account the configuration does not list. */
    const unlisted = clusterEntity({
      name: 'unlisted-cluster',
      environment: 'dev',
      accountId: '999999999999',
    });

    it('refuses the cost tab of a cluster registered from another location, before Cost Explorer', async () => {
      const backend = await startCostBackend(fixture, {
        entities: [...DPJ_ENTITIES, registered],
      });
      const response = await backend.get('/cost/default/borrowed-cluster');
      expect(await fixture.ceCalls()).toEqual([]);
      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        name: 'NotManagedClusterError',
        message: `resource:default/borrowed-cluster is not a managed cluster: its annotations come from ${EVIL_LOCATION}, which is not this product's EKS catalog provider or a configured catalog location`,
      });
    });

    it('refuses a configured location that names an account missing from aws.accounts', async () => {
      expect(unlisted.metadata.annotations).toMatchObject({
        'backstage.io/managed-by-location': CATALOG_INFO_LOCATION,
      });
      const backend = await startCostBackend(fixture, {
        entities: [...DPJ_ENTITIES, unlisted],
      });
      const response = await backend.get('/cost/default/unlisted-cluster');
      expect(await fixture.ceCalls()).toEqual([]);
      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        name: 'NotManagedClusterError',
        message:
          'resource:default/unlisted-cluster is not a managed cluster: it names AWS account "999999999999", which is not configured (aws.accounts, eksPlatform.catalog.clusterDiscovery.accountIds)',
      });
    });

    it('leaves them out of the finance totals and the scheduled refresh', async () => {
      const byOperation = (
        calls: Array<{ operation: string; accountId: string }>,
      ) => calls.map(c => `${c.accountId} ${c.operation}`).sort();
      // The same views without them: what Cost Explorer must be asked, and no more.
      const reference = await startCostBackend(fixture);
      const expected = (await reference.get('/cost/environments'))
        .body as FinanceCostReport;
      const expectedCalls = byOperation(await fixture.ceCalls());
      await fixture.clearCalls();
      await reference.refreshTask().fn(new AbortController().signal);
      const expectedRefreshCalls = byOperation(await fixture.ceCalls());
      await fixture.clearCalls();

      const backend = await startCostBackend(fixture, {
        entities: [...DPJ_ENTITIES, registered, unlisted],
      });
      const response = await backend.get('/cost/environments');
      expect(response.status).toBe(200);
      const report = response.body as FinanceCostReport;
      expect(report.environments.map(e => e.entityRef)).toEqual([
        'resource:default/dpj-dev-cluster',
        'resource:default/dpj-prod-cluster',
        'resource:default/dpj-staging-cluster',
      ]);
      expect(report.totals).toEqual(expected.totals);
      expect(byOperation(await fixture.ceCalls())).toEqual(expectedCalls);
      await fixture.clearCalls();

      await backend.refreshTask().fn(new AbortController().signal);
      expect(byOperation(await fixture.ceCalls())).toEqual(
        expectedRefreshCalls,
      );
    });
  });
});
