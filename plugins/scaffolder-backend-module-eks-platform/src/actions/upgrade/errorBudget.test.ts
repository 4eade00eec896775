import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type {
  SloDefinition,
  SloReport,
  SloReportResponse,
} from '@internal/plugin-eks-platform-common';
import {
  backendErrorBudgetSource,
  checkErrorBudget,
  readErrorBudgetFloor,
} from './errorBudget';

const USER = mockCredentials.user('user:default/platform-engineer');

describe('backendErrorBudgetSource', () => {
  const discovery = {
    getBaseUrl: async (pluginId: string) =>
      `http://backend.test/api/${pluginId}`,
  };

  it("reads the cluster's SLO report from the eks-platform backend on behalf of the initiator", async () => {
    // The route's answer: the report in its envelope (only the fields read are filled).
    const answer: SloReportResponse = {
      entityRef: 'resource:default/dpj-prod-cluster',
      status: 'ok',
      report: {
        definition: { objectivePercent: 99.9 },
        rolling30d: { budgetRemainingPercent: 41.5 },
      } as SloReport,
    };
    const fetch = jest.fn(
      async (_url: string, _init?: RequestInit) =>
        new Response(JSON.stringify(answer), {
          headers: { 'content-type': 'application/json' },
        }),
    );
    const auth = mockServices.auth();
    const source = backendErrorBudgetSource({
      discovery,
      auth,
      fetch: fetch as unknown as typeof globalThis.fetch,
    });
    expect(
      await source.read(
        { namespace: 'default', name: 'dpj-prod-cluster' },
        USER,
      ),
    ).toEqual({ remainingPercent: 41.5, objectivePercent: 99.9 });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      'http://backend.test/api/eks-platform/slo/default/dpj-prod-cluster?kind=resource',
    );
    // The token carries the user, so the SLO route reads the catalog as they may.
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: USER,
      targetPluginId: 'eks-platform',
    });
    expect(init?.headers).toEqual({ authorization: `Bearer ${token}` });
  });

  it("turns the backend's refusal into an error with its message", async () => {
    const fetch = async () =>
      new Response(
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: 'resource:default/dpj-prod-cluster has no SLO',
          },
          // The rest of the body Backstage's error handler sends.
          request: { method: 'GET', url: '/slo/default/dpj-prod-cluster' },
          response: { statusCode: 404 },
        }),
        { status: 404, headers: { 'content-type': 'application/json' } },
      );
    const source = backendErrorBudgetSource({
      discovery,
      auth: mockServices.auth(),
      fetch,
    });
    const verdict = await checkErrorBudget({
      source,
      floorPercent: 25,
      clusterName: 'dpj-prod-cluster',
      credentials: USER,
    });
    expect(verdict.blocks).toBe(true);
    expect(verdict.text).toContain(
      'could not be read (the eks-platform backend answered 404: resource:default/dpj-prod-cluster has no SLO)',
    );
  });
});

describe('backendErrorBudgetSource, when Prometheus fails', () => {
  it('refuses with the report’s own error', async () => {
    const answer: SloReportResponse = {
      entityRef: 'resource:default/dpj-prod-cluster',
      status: 'error',
      definition: {} as SloDefinition,
      error: { source: 'prometheus', message: 'connect ECONNREFUSED' },
    };
    const source = backendErrorBudgetSource({
      discovery: {
        getBaseUrl: async () => 'http://backend.test/api/eks-platform',
      },
      auth: mockServices.auth(),
      fetch: async () => new Response(JSON.stringify(answer)),
    });
    const verdict = await checkErrorBudget({
      source,
      floorPercent: 25,
      clusterName: 'dpj-prod-cluster',
      credentials: USER,
    });
    expect(verdict).toEqual({
      blocks: true,
      text: 'the SLO error budget of resource:default/dpj-prod-cluster could not be read (its SLO report has no figures (prometheus: connect ECONNREFUSED)); the floor is 25% (eksPlatform.upgrade.productionErrorBudgetFloorPercent)',
    });
  });
});

describe('checkErrorBudget', () => {
  const at = (remainingPercent: number) => ({
    read: async () => ({ remainingPercent, objectivePercent: 99.9 }),
  });
  const verdict = (remaining: number, floorPercent: number) =>
    checkErrorBudget({
      source: at(remaining),
      floorPercent,
      clusterName: 'dpj-prod-cluster',
      credentials: USER,
    });

  it('lets the upgrade start at the floor and refuses it just below', async () => {
    expect((await verdict(25, 25)).blocks).toBe(false);
    expect((await verdict(24.96, 25)).blocks).toBe(true);
    // An overspent budget is negative: refused even with a floor of 0.
    expect((await verdict(-30, 0)).text).toMatch(/^-30\.0% of the 30-day/);
  });
});

describe('readErrorBudgetFloor', () => {
  it('defaults to 25% and refuses a figure outside 0–100', () => {
    expect(readErrorBudgetFloor(mockServices.rootConfig())).toBe(25);
    const config = (floor: number) =>
      mockServices.rootConfig({
        data: {
          eksPlatform: {
            upgrade: { productionErrorBudgetFloorPercent: floor },
          },
        },
      });
    expect(readErrorBudgetFloor(config(10))).toBe(10);
    expect(() => readErrorBudgetFloor(config(150))).toThrow(
      'Invalid eksPlatform.upgrade.productionErrorBudgetFloorPercent: expected a percentage from 0 to 100, got 150',
    );
  });
});
