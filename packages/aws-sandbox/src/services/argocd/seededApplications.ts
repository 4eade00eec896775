/**
 * Applications an ArgoCD already holds when the sandbox starts, with the deployments
 * their history records: the bank's ArgoCD, which registered its clusters before any
 * environment was created from Backstage.
 */
import type { SandboxContext } from '../../core/types';
import {
  Application,
  ApplicationSource,
  ARGOCD_NAMESPACE,
  argoCdStoreOf,
  isoSeconds,
  RevisionHealth,
} from './argoCdStore';

export interface SeededRelease {
  /** The chart version deployed. */
  version: string;
  /** Sandbox-clock millis of when the sync finished. */
  deployedAt: number;
  /** Who synced it; absent: automated sync. */
  username?: string;
  /** How its workloads run, when not Healthy. */
  health?: RevisionHealth;
}

export interface SeededApplication {
  name: string;
  project: string;
  labels: Record<string, string>;
  /** The registered cluster's API server URL. */
  server: string;
  namespace: string;
  repoURL: string;
  chart: string;
  automated: boolean;
  /** Oldest first; the last is the application's target and what runs. */
  releases: SeededRelease[];
}

export interface SeededCluster {
  server: string;
  name: string;
  /** Registered with a service-account token, as `argocd cluster add` does. */
  bearerToken: string;
}

export interface ArgoCdSeed {
  project: { name: string; sourceRepos: string[]; namespaces: string[] };
  clusters: SeededCluster[];
  applications: SeededApplication[];
}

const SYNC_MILLIS = 30_000;

export function seedArgoCd(context: SandboxContext, seed: ArgoCdSeed): void {
  const store = argoCdStoreOf(context);
  const now = isoSeconds(context.clock.nowMillis());
  store.projects.set(seed.project.name, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name: seed.project.name,
      namespace: ARGOCD_NAMESPACE,
      uid: store.nextUid(),
      resourceVersion: store.nextResourceVersion(),
      generation: 1,
      creationTimestamp: now,
    },
    spec: {
      sourceRepos: seed.project.sourceRepos,
      destinations: seed.project.namespaces.map(namespace => ({
        server: '*',
        namespace,
      })),
    },
    status: {},
  });
  for (const cluster of seed.clusters) {
    store.clusters.set(cluster.server, {
      input: {
        server: cluster.server,
        name: cluster.name,
        config: { bearerToken: cluster.bearerToken },
      },
      createdAt: now,
    });
  }
  for (const seeded of seed.applications) {
    const sourceOf = (version: string): ApplicationSource => ({
      repoURL: seeded.repoURL,
      chart: seeded.chart,
      targetRevision: version,
    });
    const latest = seeded.releases[seeded.releases.length - 1];
    const app: Application = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: seeded.name,
        namespace: ARGOCD_NAMESPACE,
        uid: store.nextUid(),
        resourceVersion: store.nextResourceVersion(),
        generation: seeded.releases.length,
        creationTimestamp: isoSeconds(
          seeded.releases[0].deployedAt - SYNC_MILLIS,
        ),
        labels: seeded.labels,
      },
      spec: {
        project: seed.project.name,
        source: sourceOf(latest.version),
        destination: { server: seeded.server, namespace: seeded.namespace },
        ...(seeded.automated
          ? { syncPolicy: { automated: { prune: true, selfHeal: true } } }
          : {}),
      },
    };
    store.applications.set(seeded.name, app);
    store.specChangedAt.set(seeded.name, latest.deployedAt - SYNC_MILLIS);
    store.history.set(
      seeded.name,
      seeded.releases.map((release, id) => ({
        id,
        revision: release.version,
        source: sourceOf(release.version),
        deployStartedAt: isoSeconds(release.deployedAt - SYNC_MILLIS),
        deployedAt: isoSeconds(release.deployedAt),
        initiatedBy: release.username
          ? { username: release.username }
          : { automated: true },
      })),
    );
    store.operationStates.set(seeded.name, {
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      startedAt: isoSeconds(latest.deployedAt - SYNC_MILLIS),
      finishedAt: isoSeconds(latest.deployedAt),
      operation: { sync: { revision: latest.version } },
      syncResult: {
        revision: latest.version,
        source: sourceOf(latest.version),
      },
    });
    const unhealthy = seeded.releases.filter(r => r.health);
    if (unhealthy.length > 0) {
      store.revisionHealth.set(
        seeded.name,
        new Map(unhealthy.map(r => [r.version, r.health!])),
      );
    }
  }
}
