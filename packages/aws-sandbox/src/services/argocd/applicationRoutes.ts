/**
 * `/api/v1/applications`: Applications as ArgoCD's ApplicationService serves them,
 * validated against their project and the registered clusters as ArgoCD validates them.
 *
 * Status is computed when read: an application with an automated sync policy is
 * OutOfSync/Progressing for 30 s (× timeScale) after a spec change, then Synced/Healthy;
 * without one it stays OutOfSync/Missing, as nothing syncs it.
 */
import { createHash } from 'node:crypto';
import { jsonResponse, SandboxResponse } from '../../core/types';
import { ArgoCdError, GRPC, notFound } from './argoCdErrors';
import { Application, ARGOCD_NAMESPACE } from './argoCdStore';
import {
  globMatches,
  matchesSelector,
  parseBody,
  RouteContext,
  sameJson,
} from './routeContext';

const SYNC_SECONDS = 30;

function invalid(message: string): ArgoCdError {
  return new ArgoCdError(GRPC.InvalidArgument, message);
}

/** validateAndNormalizeApp: the project exists, permits the source and the destination. */
function validate(context: RouteContext, app: Application): Application {
  const name = app.metadata?.name;
  if (!name) {
    throw invalid(
      'Application.argoproj.io "" is invalid: metadata.name: Required value: name or generateName is required',
    );
  }
  const projectName = app.spec?.project || 'default';
  const project = context.store.projects.get(projectName);
  if (!project) {
    throw invalid(
      `application references project ${projectName} which does not exist`,
    );
  }
  const destination = app.spec.destination ?? {};
  let server = destination.server;
  if (!server && destination.name) {
    server = context.store.clusterByName(destination.name)?.input.server;
    if (!server) {
      throw invalid(
        `application destination spec for ${name} is invalid: unable to find destination server: there are no clusters with this name: ${destination.name}`,
      );
    }
  }
  if (!server) {
    throw invalid(
      `application destination spec for ${name} is invalid: server or name is required`,
    );
  }
  if (!context.store.clusters.has(server)) {
    throw invalid(
      `application destination spec for ${name} is invalid: unable to find destination server: there are no clusters with this URL: ${server}`,
    );
  }
  const namespace = destination.namespace ?? '';
  const allowed = (project.spec.destinations ?? []).some(
    d =>
      (globMatches(d.server, server!) ||
        globMatches(d.name, destination.name ?? '')) &&
      globMatches(d.namespace, namespace),
  );
  if (!allowed) {
    throw invalid(
      `application spec for ${name} is invalid: InvalidSpecError: application destination server '${server}' and namespace '${namespace}' do not match any of the allowed destinations in project '${projectName}'`,
    );
  }
  const sources =
    app.spec.sources ?? (app.spec.source ? [app.spec.source] : []);
  for (const source of sources) {
    if (
      !(project.spec.sourceRepos ?? []).some(repo =>
        globMatches(repo, source.repoURL),
      )
    ) {
      throw invalid(
        `application spec for ${name} is invalid: InvalidSpecError: application repo ${source.repoURL} is not permitted in project '${projectName}'`,
      );
    }
  }
  return { ...app, spec: { ...app.spec, project: projectName } };
}

function healthOf(synced: boolean, automated: boolean): string {
  if (synced) return 'Healthy';
  return automated ? 'Progressing' : 'Missing';
}

function withStatus(context: RouteContext, app: Application): Application {
  const changedAt = context.store.specChangedAt.get(app.metadata.name) ?? 0;
  const automated = Boolean(
    (app.spec.syncPolicy as { automated?: unknown } | undefined)?.automated,
  );
  const synced = automated && context.clock.hasElapsed(changedAt, SYNC_SECONDS);
  const source = app.spec.source ?? app.spec.sources?.[0];
  const revision = createHash('sha1')
    .update(`${source?.repoURL}@${source?.targetRevision ?? 'HEAD'}`)
    .digest('hex');
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

function save(
  context: RouteContext,
  app: Application,
  existing?: Application,
): Application {
  const specChanged = !existing || !sameJson(existing.spec, app.spec);
  const stored: Application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      ...app.metadata,
      namespace: ARGOCD_NAMESPACE,
      uid: existing?.metadata.uid ?? context.store.nextUid(),
      creationTimestamp: existing?.metadata.creationTimestamp ?? context.nowIso,
      resourceVersion: context.store.nextResourceVersion(),
      generation: (existing?.metadata.generation ?? 0) + (specChanged ? 1 : 0),
    },
    spec: app.spec,
  };
  if (specChanged) {
    context.store.specChangedAt.set(
      app.metadata.name,
      context.clock.nowMillis(),
    );
  }
  context.store.applications.set(app.metadata.name, stored);
  return withStatus(context, stored);
}

function create(context: RouteContext): SandboxResponse {
  const app = validate(context, parseBody<Application>(context.request));
  const existing = context.store.applications.get(app.metadata.name);
  if (!existing) return jsonResponse(200, save(context, app));
  const same =
    sameJson(existing.spec, app.spec) &&
    sameJson(existing.metadata.labels, app.metadata.labels) &&
    sameJson(existing.metadata.annotations, app.metadata.annotations) &&
    sameJson(existing.metadata.finalizers, app.metadata.finalizers);
  if (same) return jsonResponse(200, withStatus(context, existing));
  if (context.request.query.get('upsert') !== 'true') {
    throw invalid(
      'existing application spec is different, use upsert flag to force update',
    );
  }
  return jsonResponse(200, save(context, app, existing));
}

function requireApp(context: RouteContext, name: string): Application {
  const app = context.store.applications.get(name);
  if (!app) throw notFound('applications', name);
  return app;
}

export function routeApplications(
  context: RouteContext,
  path: string,
): SandboxResponse | undefined {
  const { method, query } = context.request;
  if (path === '/applications') {
    if (method === 'POST') return create(context);
    if (method !== 'GET') return undefined;
    const projects = [...query.getAll('projects'), ...query.getAll('project')];
    const items = [...context.store.applications.values()]
      .filter(
        app =>
          projects.length === 0 ||
          projects.includes(app.spec.project ?? 'default'),
      )
      .filter(app =>
        matchesSelector(app.metadata.labels, query.get('selector')),
      )
      .filter(
        app => !query.get('name') || app.metadata.name === query.get('name'),
      )
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
      .map(app => withStatus(context, app));
    return jsonResponse(200, {
      metadata: { resourceVersion: context.store.nextResourceVersion() },
      items,
    });
  }
  const match = /^\/applications\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  const name = decodeURIComponent(match[1]);
  if (method === 'GET')
    return jsonResponse(200, withStatus(context, requireApp(context, name)));
  if (method === 'PUT') {
    const existing = requireApp(context, name);
    const app = validate(context, parseBody<Application>(context.request));
    if (app.metadata.name !== name) {
      throw invalid(
        `application name in the body (${app.metadata.name}) does not match the path (${name})`,
      );
    }
    return jsonResponse(200, save(context, app, existing));
  }
  if (method === 'DELETE') {
    requireApp(context, name);
    context.store.applications.delete(name);
    context.store.specChangedAt.delete(name);
    return jsonResponse(200, {});
  }
  return undefined;
}
