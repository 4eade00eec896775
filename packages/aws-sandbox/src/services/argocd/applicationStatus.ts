/**
 * An Application's status, computed when read: with an automated sync policy it is
 * OutOfSync/Progressing for 30 s (× timeScale) after a spec change, then Synced/Healthy;
 * without one it stays OutOfSync/Missing, as nothing syncs it. An application whose EKS
 * cluster does not let ArgoCD's role in (`clusterAccess.ts`) is Unknown, with the
 * ComparisonError ArgoCD reports.
 */
import { createHash } from 'node:crypto';
import type { Application } from './argoCdStore';
import type { RouteContext } from './routeContext';

export const SYNC_SECONDS = 30;

function healthOf(synced: boolean, automated: boolean): string {
  if (synced) return 'Healthy';
  return automated ? 'Progressing' : 'Missing';
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
  const source = app.spec.source ?? app.spec.sources?.[0];
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
  return {
    ...app,
    status: {
      sync: {
        status: synced ? 'Synced' : 'OutOfSync',
        comparedTo: { source, destination: app.spec.destination },
        revision,
      },
      health: {
        status: healthOf(synced, automated),
      },
      sourceType: source?.chart ? 'Helm' : 'Directory',
      reconciledAt: context.nowIso,
      summary: {},
    },
  };
}
