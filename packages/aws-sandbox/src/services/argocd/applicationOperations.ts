/**
 * Deployments: the Sync and Rollback calls of ApplicationService, and what the
 * application controller's syncs leave in `status.history` and `status.operationState`.
 *
 * As argo-cd's server/application/application.go (Sync, Rollback) and the controller do:
 * - Both calls set `Application.operation`; while one runs another is refused
 *   (FailedPrecondition "another operation is already in progress").
 * - A deleting application is refused ("application is deleting").
 * - Rollback is refused while automated sync is on ("rollback cannot be initiated when
 *   auto-sync is enabled"): the next automated sync would undo it. It syncs the history
 *   entry's revision and source; the target does not change, so the application is
 *   OutOfSync afterwards.
 * - A sync to another revision than the target is refused while automated sync is on.
 * - An operation takes SYNC_SECONDS (× timeScale); a successful sync appends a
 *   RevisionHistory entry, id one above the last, keeping the last 10
 *   (revisionHistoryLimit's default).
 * - Automated sync deploys the target once per change of it, SYNC_SECONDS after the spec
 *   changed, and only while ArgoCD can reach the cluster.
 *
 * Only the first source of a multi-source application is recorded.
 */
import { createHash } from 'node:crypto';
import type { SandboxClock } from '../../core/clock';
import { jsonResponse, SandboxResponse } from '../../core/types';
import { ArgoCdError, GRPC, notFound } from './argoCdErrors';
import {
  Application,
  ApplicationSource,
  ArgoCdStore,
  isoSeconds,
  RevisionHistory,
  RunningOperation,
  sourcesOf,
} from './argoCdStore';
import { parseBody, RouteContext, sameJson } from './routeContext';

export const SYNC_SECONDS = 30;
const REVISION_HISTORY_LIMIT = 10;

/** What a source resolves to: a Helm chart's version, else a commit-like hash of the ref. */
export function revisionOf(source: ApplicationSource | undefined): string {
  if (source?.chart && source.targetRevision) return source.targetRevision;
  return createHash('sha1')
    .update(`${source?.repoURL}@${source?.targetRevision ?? 'HEAD'}`)
    .digest('hex');
}

export function isAutomated(app: Application): boolean {
  return Boolean(
    (app.spec.syncPolicy as { automated?: unknown } | undefined)?.automated,
  );
}

/** The last deployment of an application, if it has been synced. */
export function deployedOf(
  store: ArgoCdStore,
  name: string,
): RevisionHistory | undefined {
  return store.history.get(name)?.at(-1);
}

/** A finished sync: its history entry (unless a dry run) and the operation's state. */
function recordSync(
  store: ArgoCdStore,
  name: string,
  finished: Omit<RunningOperation, 'startedAt'> & {
    startedAt: number;
    finishedAt: number;
  },
): void {
  const { revision, source } = finished;
  if (!finished.dryRun) {
    const history = store.history.get(name) ?? [];
    const id = (history.at(-1)?.id ?? -1) + 1;
    const entry: RevisionHistory = {
      id,
      revision,
      source,
      deployStartedAt: isoSeconds(finished.startedAt),
      deployedAt: isoSeconds(finished.finishedAt),
      initiatedBy: finished.initiatedBy,
    };
    store.history.set(name, [...history, entry].slice(-REVISION_HISTORY_LIMIT));
  }
  store.operationStates.set(name, {
    phase: 'Succeeded',
    message: 'successfully synced (all tasks run)',
    startedAt: isoSeconds(finished.startedAt),
    finishedAt: isoSeconds(finished.finishedAt),
    operation: { sync: { revision, source } },
    syncResult: { revision, source },
  });
}

/**
 * The controller's side, done lazily on each request: finishes the operations whose time
 * has come and runs the automated syncs that are due.
 */
export function settleOperations(
  store: ArgoCdStore,
  clock: SandboxClock,
  reachable: (app: Application) => boolean,
): void {
  const syncMillis = clock.scaledMillis(SYNC_SECONDS);
  for (const app of store.applications.values()) {
    const name = app.metadata.name;
    const running = store.operations.get(name);
    if (running) {
      if (!clock.hasElapsed(running.startedAt, SYNC_SECONDS)) continue;
      store.operations.delete(name);
      recordSync(store, name, {
        ...running,
        finishedAt: running.startedAt + syncMillis,
      });
      continue;
    }
    const changedAt = store.specChangedAt.get(name);
    if (
      !isAutomated(app) ||
      app.metadata.deletionTimestamp ||
      changedAt === undefined ||
      !clock.hasElapsed(changedAt, SYNC_SECONDS) ||
      !reachable(app)
    ) {
      continue;
    }
    const [source] = sourcesOf(app);
    const revision = revisionOf(source);
    const deployed = deployedOf(store, name);
    if (
      deployed &&
      deployed.revision === revision &&
      sameJson(deployed.source, source)
    ) {
      continue;
    }
    const startedAt = Math.max(
      changedAt,
      deployed ? Date.parse(deployed.deployedAt) : 0,
    );
    recordSync(store, name, {
      revision,
      source,
      initiatedBy: { automated: true },
      dryRun: false,
      startedAt,
      finishedAt: startedAt + syncMillis,
    });
  }
}

function failedPrecondition(message: string): ArgoCdError {
  return new ArgoCdError(GRPC.FailedPrecondition, message);
}

/** appIf.Get's answer for an unknown application, as Sync and Rollback return it. */
function existing(context: RouteContext, name: string): Application {
  const app = context.store.applications.get(name);
  if (!app) {
    const error = notFound('applications', name);
    throw new ArgoCdError(
      error.code,
      `error getting application by name: ${error.message}`,
    );
  }
  if (app.metadata.deletionTimestamp) {
    throw failedPrecondition('application is deleting');
  }
  return app;
}

/** argo.SetAppOperation: one operation at a time. */
function startOperation(
  context: RouteContext,
  app: Application,
  operation: Omit<RunningOperation, 'startedAt'>,
): Application {
  const name = app.metadata.name;
  if (context.store.operations.has(name)) {
    throw failedPrecondition('another operation is already in progress');
  }
  context.store.operations.set(name, {
    ...operation,
    startedAt: context.clock.nowMillis(),
  });
  return app;
}

interface SyncRequest {
  revision?: string;
  dryRun?: boolean;
}

function sync(context: RouteContext, app: Application): Application {
  const body = parseBody<SyncRequest>(context.request);
  const [source] = sourcesOf(app);
  const target = source?.targetRevision || 'HEAD';
  if (isAutomated(app) && body.revision && body.revision !== target) {
    throw failedPrecondition(
      `Cannot sync to ${body.revision}: auto-sync currently set to ${
        source?.targetRevision ?? ''
      }`,
    );
  }
  const wanted = body.revision
    ? { ...source, targetRevision: body.revision }
    : source;
  return startOperation(context, app, {
    revision: revisionOf(wanted),
    source: wanted,
    initiatedBy: { username: context.username },
    dryRun: Boolean(body.dryRun),
  });
}

interface RollbackRequest {
  /** int64: grpc-gateway takes a JSON number or a string. */
  id?: number | string;
  dryRun?: boolean;
}

function rollback(context: RouteContext, app: Application): Application {
  if (isAutomated(app)) {
    throw failedPrecondition(
      'rollback cannot be initiated when auto-sync is enabled',
    );
  }
  const body = parseBody<RollbackRequest>(context.request);
  const id = Number(body.id ?? 0);
  const entry = context.store.history
    .get(app.metadata.name)
    ?.find(h => h.id === id);
  if (!entry) {
    throw new ArgoCdError(
      GRPC.InvalidArgument,
      `application ${app.metadata.name} does not have deployment with id ${id}`,
    );
  }
  return startOperation(context, app, {
    revision: entry.revision,
    source: entry.source,
    initiatedBy: { username: context.username },
    dryRun: Boolean(body.dryRun),
  });
}

/** `POST /applications/{name}/sync` and `POST /applications/{name}/rollback`. */
export function routeOperations(
  context: RouteContext,
  path: string,
  withStatus: (app: Application) => Application,
): SandboxResponse | undefined {
  const match = /^\/applications\/([^/]+)\/(sync|rollback)$/.exec(path);
  if (!match || context.request.method !== 'POST') return undefined;
  const app = existing(context, decodeURIComponent(match[1]));
  const started =
    match[2] === 'sync' ? sync(context, app) : rollback(context, app);
  return jsonResponse(200, withStatus(started));
}
