/** `/api/v1/projects`: AppProjects as ArgoCD's ProjectService serves them. */
import { jsonResponse, SandboxResponse } from '../../core/types';
import { ArgoCdError, GRPC, notFound } from './argoCdErrors';
import { AppProject, ARGOCD_NAMESPACE, sourcesOf } from './argoCdStore';
import {
  destinationPermitted,
  parseBody,
  RouteContext,
  sameJson,
  sourcePermitted,
} from './routeContext';

interface ProjectCreateRequest {
  project?: AppProject;
  upsert?: boolean;
}

const DEFAULT_PROJECT = 'default';

function requireProject(context: RouteContext, name: string): AppProject {
  const project = context.store.projects.get(name);
  if (!project) throw notFound('appprojects', name);
  return project;
}

/** Stores `next` over `existing`, bumping resourceVersion, and generation if the spec changed. */
function store(
  context: RouteContext,
  existing: AppProject,
  next: Pick<AppProject, 'spec'> & { metadata: AppProject['metadata'] },
): AppProject {
  const specChanged = !sameJson(existing.spec, next.spec);
  const updated: AppProject = {
    ...existing,
    metadata: {
      ...next.metadata,
      resourceVersion: context.store.nextResourceVersion(),
      generation: (existing.metadata.generation ?? 1) + (specChanged ? 1 : 0),
    },
    spec: next.spec ?? {},
  };
  context.store.projects.set(existing.metadata.name, updated);
  return updated;
}

/**
 * Update's check that no application of the project loses its source or destination:
 * "as a result of project update 1 applications destination became invalid".
 */
function checkApplicationsStayValid(
  context: RouteContext,
  existing: AppProject,
  next: AppProject,
) {
  let invalidSources = 0;
  let invalidDestinations = 0;
  for (const app of context.store.applications.values()) {
    if ((app.spec.project || DEFAULT_PROJECT) !== existing.metadata.name) {
      continue;
    }
    const server =
      app.spec.destination.server ??
      context.store.clusterByName(app.spec.destination.name ?? '')?.input
        .server ??
      '';
    if (
      destinationPermitted(existing, app.spec.destination, server) &&
      !destinationPermitted(next, app.spec.destination, server)
    ) {
      invalidDestinations += 1;
    }
    const sources = sourcesOf(app);
    if (
      sources.every(s => sourcePermitted(existing, s.repoURL)) &&
      !sources.every(s => sourcePermitted(next, s.repoURL))
    ) {
      invalidSources += 1;
    }
  }
  const parts = [
    ...(invalidSources > 0
      ? [`${invalidSources} applications source became invalid`]
      : []),
    ...(invalidDestinations > 0
      ? [`${invalidDestinations} applications destination became invalid`]
      : []),
  ];
  if (parts.length > 0) {
    throw new ArgoCdError(
      GRPC.InvalidArgument,
      `as a result of project update ${parts.join(' and ')}`,
    );
  }
}

/**
 * PUT: a Kubernetes update of the whole object, so the body must carry the
 * resourceVersion it read (422 Invalid → 400 without one, 409 Conflict → Aborted when
 * another write came first); labels, annotations and spec are the body's.
 */
function replace(context: RouteContext, name: string): SandboxResponse {
  const { project } = parseBody<ProjectCreateRequest>(context.request);
  if (!project) {
    throw new ArgoCdError(GRPC.InvalidArgument, 'project is required');
  }
  const existing = requireProject(context, name);
  // grpc-gateway fills project.metadata.name from the path, over the body's.
  const next: AppProject = {
    ...project,
    metadata: { ...project.metadata, name },
    spec: project.spec ?? {},
  };
  checkApplicationsStayValid(context, existing, next);
  const resourceVersion = next.metadata.resourceVersion;
  if (!resourceVersion) {
    throw new ArgoCdError(
      GRPC.InvalidArgument,
      `AppProject.argoproj.io "${name}" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update`,
    );
  }
  if (resourceVersion !== existing.metadata.resourceVersion) {
    throw new ArgoCdError(
      GRPC.Aborted,
      `Operation cannot be fulfilled on appprojects.argoproj.io "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    );
  }
  const updated = store(context, existing, {
    metadata: {
      ...existing.metadata,
      labels: next.metadata.labels,
      annotations: next.metadata.annotations,
      finalizers: next.metadata.finalizers,
    },
    spec: next.spec,
  });
  return jsonResponse(200, updated);
}

function create(context: RouteContext): SandboxResponse {
  const { project, upsert } = parseBody<ProjectCreateRequest>(context.request);
  const name = project?.metadata?.name;
  if (!project || !name) {
    throw new ArgoCdError(
      GRPC.InvalidArgument,
      'AppProject.argoproj.io "" is invalid: metadata.name: Required value: name or generateName is required',
    );
  }
  const existing = context.store.projects.get(name);
  if (existing) {
    if (sameJson(existing.spec, project.spec ?? {}))
      return jsonResponse(200, existing);
    if (!upsert) {
      throw new ArgoCdError(
        GRPC.InvalidArgument,
        'existing project spec is different, use upsert flag to force update',
      );
    }
    // An upsert replaces the spec only: labels and annotations stay as they are.
    return jsonResponse(
      200,
      store(context, existing, {
        metadata: existing.metadata,
        spec: project.spec ?? {},
      }),
    );
  }
  const created: AppProject = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name,
      namespace: ARGOCD_NAMESPACE,
      uid: context.store.nextUid(),
      resourceVersion: context.store.nextResourceVersion(),
      generation: 1,
      creationTimestamp: context.nowIso,
      ...(project.metadata.labels ? { labels: project.metadata.labels } : {}),
      ...(project.metadata.annotations
        ? { annotations: project.metadata.annotations }
        : {}),
    },
    spec: project.spec ?? {},
    status: {},
  };
  context.store.projects.set(name, created);
  return jsonResponse(200, created);
}

export function routeProjects(
  context: RouteContext,
  path: string,
): SandboxResponse | undefined {
  const { method } = context.request;
  if (path === '/projects') {
    if (method === 'GET') {
      const items = [...context.store.projects.values()].sort((a, b) =>
        a.metadata.name.localeCompare(b.metadata.name),
      );
      return jsonResponse(200, {
        metadata: { resourceVersion: context.store.nextResourceVersion() },
        items,
      });
    }
    if (method === 'POST') return create(context);
    return undefined;
  }
  const match = /^\/projects\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  const name = decodeURIComponent(match[1]);
  if (method === 'GET') return jsonResponse(200, requireProject(context, name));
  if (method === 'PUT') return replace(context, name);
  if (method === 'DELETE') {
    if (name === DEFAULT_PROJECT) {
      throw new ArgoCdError(
        GRPC.InvalidArgument,
        `name '${name}' is reserved and cannot be deleted`,
      );
    }
    requireProject(context, name);
    const referencing = [...context.store.applications.values()].filter(
      app => (app.spec.project || DEFAULT_PROJECT) === name,
    );
    if (referencing.length > 0) {
      throw new ArgoCdError(
        GRPC.InvalidArgument,
        `project is referenced by ${referencing.length} applications`,
      );
    }
    context.store.projects.delete(name);
    return jsonResponse(200, {});
  }
  return undefined;
}
