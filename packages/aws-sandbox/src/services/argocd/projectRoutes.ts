/** `/api/v1/projects`: AppProjects as ArgoCD's ProjectService serves them. */
import { jsonResponse, SandboxResponse } from '../../core/types';
import { ArgoCdError, GRPC, notFound } from './argoCdErrors';
import { AppProject, ARGOCD_NAMESPACE } from './argoCdStore';
import { parseBody, RouteContext, sameJson } from './routeContext';

interface ProjectCreateRequest {
  project?: AppProject;
  upsert?: boolean;
}

function requireProject(context: RouteContext, name: string): AppProject {
  const project = context.store.projects.get(name);
  if (!project) throw notFound('appprojects', name);
  return project;
}

function update(
  context: RouteContext,
  existing: AppProject,
  next: AppProject,
): AppProject {
  const specChanged = !sameJson(existing.spec, next.spec);
  const updated: AppProject = {
    ...existing,
    metadata: {
      ...existing.metadata,
      labels: next.metadata.labels,
      annotations: next.metadata.annotations,
      resourceVersion: context.store.nextResourceVersion(),
      generation: (existing.metadata.generation ?? 1) + (specChanged ? 1 : 0),
    },
    spec: next.spec ?? {},
  };
  context.store.projects.set(existing.metadata.name, updated);
  return updated;
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
    return jsonResponse(200, update(context, existing, project));
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
  if (method === 'PUT') {
    const existing = requireProject(context, name);
    const { project } = parseBody<ProjectCreateRequest>(context.request);
    if (!project)
      throw new ArgoCdError(GRPC.InvalidArgument, 'project is required');
    return jsonResponse(200, update(context, existing, project));
  }
  if (method === 'DELETE') {
    requireProject(context, name);
    const referencing = [...context.store.applications.values()].filter(
      app => (app.spec.project || 'default') === name,
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
