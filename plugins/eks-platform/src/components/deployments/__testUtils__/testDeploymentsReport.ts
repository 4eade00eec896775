import {
  DeployedApplication,
  DeploymentsReport,
} from '@internal/plugin-eks-platform-common';

const NOW = '2026-12-05T12:00:00.000Z';

/** Staging's dpj-api: 2.14.0 Degraded since the 1st, after 2.13.2 and 2.12.0. */
export function degradedApi(
  overrides: Partial<DeployedApplication> = {},
): DeployedApplication {
  return {
    name: 'dpj-staging-dpj-api',
    project: 'dpj',
    namespace: 'dpj',
    syncStatus: 'Synced',
    healthStatus: 'Degraded',
    healthMessage: 'Deployment "dpj-api" exceeded its progress deadline',
    revision: '2.14.0',
    targetRevision: '2.14.0',
    deployedAt: '2026-12-01T14:00:00Z',
    automatedSync: true,
    operationRunning: false,
    lastOperation: {
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      finishedAt: '2026-12-01T14:00:00Z',
      revision: '2.14.0',
    },
    history: [
      {
        id: 2,
        revision: '2.14.0',
        source: 'dpj-api@2.14.0',
        deployedAt: '2026-12-01T14:00:00Z',
        initiatedBy: { automated: true },
        impact: {
          windowStart: '2026-12-01T14:00:00.000Z',
          windowEnd: '2026-12-01T20:00:00.000Z',
          bad: 49_000,
          total: 300_000,
          burnRate: 163.3,
          budgetBurnedPercent: 136.1,
        },
      },
      {
        id: 1,
        revision: '2.13.2',
        source: 'dpj-api@2.13.2',
        deployedAt: '2026-11-26T14:00:00Z',
        initiatedBy: { username: 'chloe.durand', automated: false },
        impact: {
          windowStart: '2026-11-26T14:00:00.000Z',
          windowEnd: '2026-11-26T20:00:00.000Z',
          bad: 90,
          total: 300_000,
          burnRate: 0.3,
          budgetBurnedPercent: 0.25,
        },
      },
    ],
    url: 'https://argocd.example/applications/argocd/dpj-staging-dpj-api',
    ...overrides,
  };
}

export function testDeploymentsReport(
  overrides: Partial<DeploymentsReport> = {},
): DeploymentsReport {
  return {
    entityRef: 'resource:default/dpj-staging-cluster',
    instance: 'sandbox',
    selector: 'eks-platform/environment-name=dpj-staging',
    generatedAt: NOW,
    applications: [degradedApi()],
    slo: { status: 'ok', objectivePercent: 99.9, windowHours: 6 },
    actions: { sync: true, rollback: true },
    ...overrides,
  };
}
