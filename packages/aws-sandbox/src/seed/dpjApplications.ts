/**
 * What the bank's ArgoCD deploys on the three DPJ clusters when the sandbox starts: the
 * DPJ API and web front, each a Helm chart with a few releases in its history.
 *
 * - dpj-api 2.14.0 went to staging when staging's monthly incident began (the 1st,
 *   14:00 UTC, `trafficModel.ts`): its Deployment is Degraded ever since, and the
 *   incident's 5xx burned staging's error budget. 2.13.2, before it, was healthy.
 * - Production is synced by hand (no automated sync) and still runs 2.13.2.
 */
import type {
  ArgoCdSeed,
  SeededRelease,
} from '../services/argocd/seededApplications';
import { incidentsInMonthOf } from '../services/prometheus/trafficModel';
import { DPJ_ENVIRONMENTS } from './dpjEnvironments';

const DAY = 86_400_000;
const CHARTS = 'https://charts.dpj.example';

/** The start of staging's last incident that has begun by `nowMillis`. */
export function lastStagingIncidentStart(nowMillis: number): number {
  const minute = Math.floor(nowMillis / 60_000);
  const thisMonth = incidentsInMonthOf('staging', minute)[0];
  const start = thisMonth.startMinute * 60_000;
  if (start <= nowMillis) return start;
  const lastMonth = new Date(nowMillis);
  lastMonth.setUTCDate(0);
  return (
    incidentsInMonthOf('staging', Math.floor(lastMonth.getTime() / 60_000))[0]
      .startMinute * 60_000
  );
}

export const DEGRADED_RELEASE = {
  application: 'dpj-staging-dpj-api',
  version: '2.14.0',
  previousVersion: '2.13.2',
  message: 'Deployment "dpj-api" exceeded its progress deadline',
};

export function dpjArgoCdSeed(
  nowMillis: number,
  kubernetesUrl: string,
): ArgoCdSeed {
  const incident = lastStagingIncidentStart(nowMillis);
  const at = (days: number, hours = 0) =>
    incident - days * DAY + hours * 3_600_000;
  const environments = Object.values(DPJ_ENVIRONMENTS);
  const serverOf = (e: (typeof environments)[number]) =>
    `${kubernetesUrl}/k8s/${e.account}/${e.region}/${e.clusterName}`;
  const api: Record<string, SeededRelease[]> = {
    dev: [
      { version: '2.12.0', deployedAt: at(14) },
      { version: '2.13.2', deployedAt: at(6) },
      { version: '2.14.0', deployedAt: at(1) },
    ],
    staging: [
      { version: '2.12.0', deployedAt: at(13) },
      { version: '2.13.2', deployedAt: at(5) },
      {
        version: DEGRADED_RELEASE.version,
        deployedAt: incident,
        health: { status: 'Degraded', message: DEGRADED_RELEASE.message },
      },
    ],
    production: [
      { version: '2.12.0', deployedAt: at(12, 2), username: 'alice.martin' },
      { version: '2.13.2', deployedAt: at(4, 2), username: 'chloe.durand' },
    ],
  };
  const web: SeededRelease[] = [
    { version: '1.8.0', deployedAt: at(20) },
    { version: '1.8.1', deployedAt: at(3) },
  ];
  return {
    project: { name: 'dpj', sourceRepos: [CHARTS], namespaces: ['dpj'] },
    clusters: environments.map(e => ({
      server: serverOf(e),
      name: e.clusterName,
      bearerToken: `argocd-manager-${e.name}`,
    })),
    applications: environments.flatMap(e => {
      const env = e.tags.environment;
      const automated = env !== 'production';
      const webReleases = web.map(r =>
        automated ? r : { ...r, username: 'chloe.durand' },
      );
      return (['dpj-api', 'dpj-web'] as const).map(chart => ({
        name: `${e.name}-${chart}`,
        project: 'dpj',
        labels: {
          'eks-platform/environment-name': e.name,
          'app.kubernetes.io/name': chart,
          'app.kubernetes.io/part-of': 'dpj',
        },
        server: serverOf(e),
        namespace: 'dpj',
        repoURL: CHARTS,
        chart,
        automated,
        releases: chart === 'dpj-api' ? api[env] : webReleases,
      }));
    }),
  };
}
