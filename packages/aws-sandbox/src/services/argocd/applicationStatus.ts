/**
 * An Application's status, computed when read from what its syncs deployed
 * (`applicationOperations.ts`): Synced when the last deployment is the target revision,
 * OutOfSync otherwise (before the first sync, or after a rollback); Missing or Progressing
 * before the first sync, Progressing while an operation runs. An application whose EKS
 * cluster does not let ArgoCD's role in (`clusterAccess.ts`) is Unknown, with the
 * ComparisonError ArgoCD reports. A synced application's health is the worst of the
 * resources its sync made, as the cluster's controllers left them (`resourceHealth`).
 */
import { isAutomated, revisionOf } from './applicationOperations';
import { Application, isoSeconds, sourcesOf } from './argoCdStore';
import { RouteContext, sameJson } from './routeContext';

export { SYNC_SECONDS } from './applicationOperations';

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

/** The resources of a deployed revision the sandbox was told is not healthy (a seeded bad release). */
function revisionResources(
  context: RouteContext,
  app: Application,
  revision: string,
): ResourceHealth[] {
  const health = context.store.revisionHealth
    .get(app.metadata.name)
    ?.get(revision);
  if (!health) return [];
  const [source] = sourcesOf(app);
  return [
    {
      group: 'apps',
      kind: 'Deployment',
      namespace: app.spec.destination.namespace ?? 'default',
      name: source?.chart ?? app.metadata.name,
      health,
    },
  ];
}

export function withStatus(
  context: RouteContext,
  app: Application,
): Application {
  const { store } = context;
  const name = app.metadata.name;
  const automated = isAutomated(app);
  const [source] = sourcesOf(app);
  const revision = revisionOf(source);
  const history = store.history.get(name) ?? [];
  const running = store.operations.get(name);
  const operation = running
    ? {
        sync: { revision: running.revision, source: running.source },
        initiatedBy: running.initiatedBy,
      }
    : undefined;
  const operationState = running
    ? {
        phase: 'Running',
        message: 'one or more tasks are running',
        startedAt: isoSeconds(running.startedAt),
        operation: {
          sync: { revision: running.revision, source: running.source },
        },
      }
    : store.operationStates.get(name);
  const deployments = {
    ...(history.length > 0 ? { history } : {}),
    ...(operationState ? { operationState } : {}),
  };
  // ArgoCD cannot compare what it cannot read: the sync status is Unknown, with why.
  const unreachable = context.clusterAccess(app.spec.destination);
  if (unreachable) {
    return {
      ...app,
      ...(operation ? { operation } : {}),
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
        ...deployments,
      },
    };
  }
  const deployed = history.at(-1);
  const synced =
    deployed !== undefined &&
    deployed.revision === revision &&
    sameJson(deployed.source, source);
  const resources = deployed
    ? [
        ...context.resourceHealth(app),
        ...revisionResources(context, app, deployed.revision),
      ]
    : [];
  let health: string = automated ? 'Progressing' : 'Missing';
  if (deployed) health = running ? 'Progressing' : worstOf(resources);
  const unhealthy = resources.find(r => r.health.status === health);
  return {
    ...app,
    ...(operation ? { operation } : {}),
    status: {
      sync: {
        status: synced ? 'Synced' : 'OutOfSync',
        comparedTo: { source, destination: app.spec.destination },
        revision,
      },
      health: {
        status: health,
        ...(health !== 'Healthy' && unhealthy?.health.message
          ? { message: unhealthy.health.message }
          : {}),
      },
      resources: resources.map(resource => ({
        ...resource,
        version: 'v1',
        status: synced ? 'Synced' : 'OutOfSync',
      })),
      sourceType: source?.chart ? 'Helm' : 'Directory',
      reconciledAt: context.nowIso,
      summary: {},
      ...deployments,
    },
  };
}
