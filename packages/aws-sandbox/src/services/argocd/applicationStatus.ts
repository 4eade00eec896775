/**
 * An Application's status, computed when read: with an automated sync policy it is
 * OutOfSync/Progressing for 30 s (× timeScale) after a spec change, then Synced/Healthy;
 * without one it stays OutOfSync/Missing, as nothing syncs it. An application whose EKS
 * cluster does not let ArgoCD's role in (`clusterAccess.ts`) is Unknown, with the
 * ComparisonError ArgoCD reports. A synced application's health is the worst of the
 * resources its sync made, as the cluster's controllers left them (`resourceHealth`).
 */
import { createHash } from 'node:crypto';
import { Application, sourcesOf } from './argoCdStore';
import type { RouteContext } from './routeContext';

export const SYNC_SECONDS = 30;

export type HealthStatus = 'Healthy' | 'Progressing' | 'Degraded';

/** A resource of the application as `status.resources` lists it. */
export interface ResourceHealth {
  group?: string;
  kind: string;
  namespace: string;
  name: string;
  health: { status: HealthStatus; message?: string };
}

const WORSE: HealthStatus[] = ['Healthy', 'Progressing', 'Degraded'];

/** The application's health: the worst of its resources' (gitops-engine `health.IsWorse`). */
function worstOf(resources: ResourceHealth[]): HealthStatus {
  return resources.reduce<HealthStatus>(
    (worst, { health }) =>
      WORSE.indexOf(health.status) > WORSE.indexOf(worst)
        ? health.status
        : worst,
    'Healthy',
  );
}

export function withStatus(
  context: RouteContext,
  app: Application,
): Application {
  const changedAt = context.store.specChangedAt.get(app.metadata.name) ?? 0;
  const automated = Boolean(
    (app.spec.syncPolicy as { automated?: unknown } | undefined)?.automated,
  );
  const synced = automated && context.clock.hasElapsed(changedAt, SYNC_SECONDS);
  const [source] = sourcesOf(app);
  const revision = createHash('sha1')
    .update(`${source?.repoURL}@${source?.targetRevision ?? 'HEAD'}`)
    .digest('hex');
  // ArgoCD cannot compare what it cannot read: the sync status is Unknown, with why.
  const unreachable = context.clusterAccess(app.spec.destination);
  if (unreachable) {
    return {
      ...app,
      status: {
        sync: {
          status: 'Unknown',
          comparedTo: { source, destination: app.spec.destination },
        },
        health: { status: 'Unknown' },
        conditions: [
          {
            type: 'ComparisonError',
            message: unreachable,
            lastTransitionTime: context.nowIso,
          },
        ],
        sourceType: source?.chart ? 'Helm' : 'Directory',
        reconciledAt: context.nowIso,
        summary: {},
      },
    };
  }
  const resources = synced ? context.resourceHealth(app) : [];
  let health: string = automated ? 'Progressing' : 'Missing';
  if (synced) health = worstOf(resources);
  return {
    ...app,
    status: {
      sync: {
        status: synced ? 'Synced' : 'OutOfSync',
        comparedTo: { source, destination: app.spec.destination },
        revision,
      },
      health: { status: health },
      resources: resources.map(resource => ({
        ...resource,
        version: 'v1',
        status: 'Synced',
      })),
      sourceType: source?.chart ? 'Helm' : 'Directory',
      reconciledAt: context.nowIso,
      summary: {},
    },
  };
}
