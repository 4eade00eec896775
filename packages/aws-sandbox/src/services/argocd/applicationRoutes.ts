/**
 * `/api/v1/applications`: Applications as ArgoCD's ApplicationService serves them,
 * validated against their project and the registered clusters as ArgoCD validates them.
 *
 * Status is computed when read (`applicationStatus.ts`).
 *
 * A cascaded delete (the default) leaves the application, with a deletionTimestamp, for
 * 30 s (× timeScale) while the controller deletes its resources.
 *
 * Reads, updates and deletes of one application follow getAppEnforceRBAC: without a
 * `project` query parameter an unknown application is 403 "permission denied" (so as not
 * to reveal which exist); with one it is 404, as is an application of another project.
 */
import { labelFilter, SelectorError } from '../../core/labelSelector';
import { jsonResponse, SandboxResponse } from '../../core/types';
import { ArgoCdError, GRPC, notFound, permissionDenied } from './argoCdErrors';
import { Application, ARGOCD_NAMESPACE, sourcesOf } from './argoCdStore';
import {
  destinationPermitted,
  parseBody,
  RouteContext,
  sameJson,
  sourcePermitted,
} from './routeContext';
import { withStatus } from './applicationStatus';

/** How long the application controller takes to delete a cascaded application's resources. */
const CASCADE_DELETE_SECONDS = 30;
const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';
const BACKGROUND_FINALIZER = `${RESOURCES_FINALIZER}/background`;
const FOREGROUND_FINALIZER = `${RESOURCES_FINALIZER}/foreground`;
const CASCADE_FINALIZERS = [
  RESOURCES_FINALIZER,
  BACKGROUND_FINALIZER,
  FOREGROUND_FINALIZER,
];

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
    // getAppProject's deliberately vague answer, so project names cannot be enumerated.
    throw invalid(
      `app is not allowed in project "${projectName}", or the project does not exist`,
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
  if (!destinationPermitted(project, destination, server)) {
    throw invalid(
      `application spec for ${name} is invalid: InvalidSpecError: application destination server '${server}' and namespace '${
        destination.namespace ?? ''
      }' do not match any of the allowed destinations in project '${projectName}'`,
    );
  }
  for (const source of sourcesOf(app)) {
    if (!sourcePermitted(project, source.repoURL)) {
      throw invalid(
        `application spec for ${name} is invalid: InvalidSpecError: application repo ${source.repoURL} is not permitted in project '${projectName}'`,
      );
    }
  }
  return { ...app, spec: normalizeSpec({ ...app.spec, project: projectName }) };
}

/** Whether a value is its Go zero value once decoded: absent, '', false, 0, [], or all-zero fields. */
function isZero(value: unknown): boolean {
  if (value === undefined || value === null || value === '' || value === false)
    return true;
  if (value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isZero);
  return false;
}

/** Go's nil: absent or null. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/**
 * NormalizeApplicationSpec: a sync policy without automated sync, options, retry or
 * namespace metadata is dropped, and so are zero-valued helm, kustomize and directory
 * blocks of the single `source` (argocd-server leaves `sources` as they are).
 */
function normalizeSpec(spec: Application['spec']): Application['spec'] {
  const normalized = { ...spec };
  const syncPolicy = normalized.syncPolicy as
    | Record<string, unknown>
    | undefined;
  if (
    syncPolicy !== undefined &&
    (syncPolicy === null ||
      (isAbsent(syncPolicy.automated) &&
        isZero(syncPolicy.syncOptions) &&
        isAbsent(syncPolicy.retry) &&
        isAbsent(syncPolicy.managedNamespaceMetadata)))
  ) {
    delete normalized.syncPolicy;
  }
  if (normalized.source) {
    const source = { ...normalized.source };
    for (const kind of ['helm', 'kustomize', 'directory']) {
      if (kind in source && isZero(source[kind])) delete source[kind];
    }
    normalized.source = source;
  }
  return normalized;
}

/** A merge of string maps as mergeStringMaps/collections.Merge: undefined when empty. */
function mergeMaps(
  ...maps: (Record<string, string> | undefined)[]
): Record<string, string> | undefined {
  const merged = Object.assign({}, ...maps.filter(Boolean));
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/**
 * Stores `app`: a new application, or (updateApp) the existing one with the new spec,
 * finalizers and labels/annotations, merged into the existing ones when `merge` (an
 * upsert through create) or replacing them (an update).
 */
function save(
  context: RouteContext,
  app: Application,
  existing?: Application,
  merge = false,
): Application {
  const specChanged = !existing || !sameJson(existing.spec, app.spec);
  const metadata = existing
    ? {
        ...existing.metadata,
        labels: merge
          ? mergeMaps(existing.metadata.labels, app.metadata.labels)
          : app.metadata.labels,
        annotations: merge
          ? mergeMaps(existing.metadata.annotations, app.metadata.annotations)
          : app.metadata.annotations,
        finalizers: app.metadata.finalizers,
      }
    : {
        ...app.metadata,
        uid: context.store.nextUid(),
        creationTimestamp: context.nowIso,
      };
  const stored: Application = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      ...metadata,
      namespace: ARGOCD_NAMESPACE,
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
  const body = parseBody<Application>(context.request);
  // Only the Sync API sets an operation: argocd-server ignores one given on creation.
  delete body.operation;
  const app = validate(context, body);
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
  return jsonResponse(200, save(context, app, existing, true));
}

/**
 * getAppEnforceRBAC for a caller allowed everything: an unknown application is 403
 * without a project (not to leak which exist) and 404 with one, as is one that lives in
 * another project than the one given.
 */
function requireApp(
  context: RouteContext,
  name: string,
  project: string | undefined,
): Application {
  const app = context.store.applications.get(name);
  if (!app) {
    if (project) throw notFound('applications', name);
    throw permissionDenied();
  }
  if (project && (app.spec.project || 'default') !== project) {
    throw notFound('applications', name);
  }
  return app;
}

/**
 * The application controller's side of a cascaded delete, done lazily: once its resources
 * are deleted (CASCADE_DELETE_SECONDS after the request) it drops the resources finalizer,
 * and Kubernetes removes the application when no finalizer is left.
 */
export function purgeDeletedApplications(context: {
  store: RouteContext['store'];
  clock: RouteContext['clock'];
}) {
  const { store, clock } = context;
  for (const [name, requestedAt] of store.deletionRequestedAt) {
    if (!clock.hasElapsed(requestedAt, CASCADE_DELETE_SECONDS)) continue;
    store.deletionRequestedAt.delete(name);
    const app = store.applications.get(name);
    if (!app) continue;
    store.resourcesDeletedAt.set(
      name,
      requestedAt + clock.scaledMillis(CASCADE_DELETE_SECONDS),
    );
    const finalizers = (app.metadata.finalizers ?? []).filter(
      f => !CASCADE_FINALIZERS.includes(f),
    );
    if (finalizers.length === 0) {
      store.applications.delete(name);
      store.specChangedAt.delete(name);
    } else {
      app.metadata.finalizers = finalizers;
    }
  }
}

/**
 * Delete: with cascade (the default) argocd-server adds the finalizer of the propagation
 * policy, so the application stays, with a deletionTimestamp, until the controller has
 * deleted its resources; without cascade it removes it and the application goes at once.
 */
function deleteApp(context: RouteContext, app: Application): SandboxResponse {
  const { query } = context.request;
  const cascade = query.get('cascade') !== 'false';
  const policy = query.get('propagationPolicy') ?? '';
  if (!cascade && policy) {
    throw invalid('cannot set propagation policy when cascading is disabled');
  }
  let finalizers = app.metadata.finalizers ?? [];
  if (cascade) {
    const wanted =
      {
        '': RESOURCES_FINALIZER,
        foreground: RESOURCES_FINALIZER,
        background: BACKGROUND_FINALIZER,
      }[policy.toLowerCase()] ?? undefined;
    if (!wanted) throw invalid(`invalid propagation policy: ${policy}`);
    if (!finalizers.includes(wanted)) finalizers = [...finalizers, wanted];
  } else {
    finalizers = finalizers.filter(f => !CASCADE_FINALIZERS.includes(f));
  }
  const name = app.metadata.name;
  if (finalizers.length === 0) {
    context.store.applications.delete(name);
    context.store.specChangedAt.delete(name);
    return jsonResponse(200, {});
  }
  context.store.applications.set(name, {
    ...app,
    metadata: {
      ...app.metadata,
      finalizers,
      deletionTimestamp: app.metadata.deletionTimestamp ?? context.nowIso,
    },
  });
  if (!context.store.deletionRequestedAt.has(name)) {
    context.store.deletionRequestedAt.set(name, context.clock.nowMillis());
  }
  return jsonResponse(200, {});
}

/** The one project of an ApplicationQuery (`project` or `projects`, legacy and current). */
function queriedProject(context: RouteContext): string | undefined {
  const { query } = context.request;
  const projects = [...query.getAll('project'), ...query.getAll('projects')];
  if (projects.length > 1) {
    throw invalid(
      'multiple projects specified - the get endpoint accepts either zero or one project',
    );
  }
  return projects[0] || undefined;
}

/** ArgoCD parses `selector` as a Kubernetes label selector; one it cannot read is a 400. */
function selectorOf(selector: string | null) {
  try {
    return labelFilter(selector);
  } catch (error) {
    if (error instanceof SelectorError) throw invalid(error.message);
    throw error;
  }
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
    const selected = selectorOf(query.get('selector'));
    const items = [...context.store.applications.values()]
      .filter(
        app =>
          projects.length === 0 ||
          projects.includes(app.spec.project ?? 'default'),
      )
      .filter(app => selected(app.metadata.labels))
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
  if (method === 'GET') {
    const app = requireApp(context, name, queriedProject(context));
    return jsonResponse(200, withStatus(context, app));
  }
  if (method === 'PUT') {
    const existing = requireApp(
      context,
      name,
      query.get('project') || undefined,
    );
    // grpc-gateway fills application.metadata.name from the path, over the body's.
    const body = parseBody<Application>(context.request);
    const app = validate(context, {
      ...body,
      metadata: { ...body.metadata, name },
    });
    return jsonResponse(200, save(context, app, existing));
  }
  if (method === 'DELETE') {
    return deleteApp(
      context,
      requireApp(context, name, query.get('project') || undefined),
    );
  }
  return undefined;
}
