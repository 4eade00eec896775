/** An ArgoCD Application as the Deployments tab shows it. */
import type {
  DeployedApplication,
  DeploymentHistoryEntry,
} from '@internal/plugin-eks-platform-common';
import type { ArgoApplication, ArgoSource } from './argoCdApplications';

function describeSource(source: ArgoSource | undefined): string {
  if (!source) return 'unknown source';
  const name = source.chart ?? source.path ?? source.repoURL ?? 'source';
  return `${name}@${source.targetRevision ?? 'HEAD'}`;
}

/** A short revision: chart versions as they are, commits to 7 characters. */
export function shortRevision(
  revision: string | undefined,
): string | undefined {
  if (!revision) return undefined;
  return /^[0-9a-f]{40}$/.test(revision) ? revision.slice(0, 7) : revision;
}

export function applicationView(
  app: ArgoApplication,
  instanceUrl: string,
): DeployedApplication {
  const status = app.status ?? {};
  const history: Omit<DeploymentHistoryEntry, 'impact'>[] = (
    status.history ?? []
  )
    .map(entry => ({
      id: Number(entry.id),
      revision: shortRevision(entry.revision) ?? '',
      source: describeSource(entry.source),
      deployedAt: entry.deployedAt ?? '',
      initiatedBy: {
        username: entry.initiatedBy?.username || undefined,
        automated: Boolean(entry.initiatedBy?.automated),
      },
    }))
    .reverse();
  const source = app.spec.source ?? app.spec.sources?.[0];
  const operation = status.operationState;
  // The unhealthy resource says why, where the application's own health does not.
  const unhealthy = status.resources?.find(
    r => r.health?.status && r.health.status === status.health?.status,
  );
  return {
    name: app.metadata.name,
    project: app.spec.project ?? 'default',
    namespace: app.spec.destination?.namespace ?? '',
    syncStatus: status.sync?.status ?? 'Unknown',
    healthStatus: status.health?.status ?? 'Unknown',
    healthMessage:
      status.health?.message ??
      (unhealthy?.health?.message
        ? `${unhealthy.kind} ${unhealthy.name}: ${unhealthy.health.message}`
        : undefined),
    revision: history[0]?.revision,
    targetRevision: source?.targetRevision ?? 'HEAD',
    deployedAt: history[0]?.deployedAt,
    automatedSync: Boolean(app.spec.syncPolicy?.automated),
    operationRunning: Boolean(app.operation),
    lastOperation: operation
      ? {
          phase: operation.phase ?? 'Unknown',
          message: operation.message ?? '',
          startedAt: operation.startedAt,
          finishedAt: operation.finishedAt,
          revision: shortRevision(
            operation.syncResult?.revision ??
              operation.operation?.sync?.revision,
          ),
        }
      : undefined,
    history: history.map(entry => ({ ...entry, impact: null })),
    url: `${instanceUrl}/applications/argocd/${encodeURIComponent(
      app.metadata.name,
    )}`,
  };
}
