/**
 * `/api/v1/clusters`: clusters as ArgoCD's ClusterService serves them. Credentials are
 * redacted from answers, and an unknown cluster is 403 "permission denied", not 404,
 * as ArgoCD answers (getClusterWith403IfNotExist) so as not to reveal which exist.
 */
import { jsonResponse, SandboxResponse } from '../../core/types';
import { ArgoCdError, GRPC, permissionDenied } from './argoCdErrors';
import { ClusterInput, StoredCluster } from './argoCdStore';
import { parseBody, RouteContext, sameJson } from './routeContext';

function render(context: RouteContext, cluster: StoredCluster) {
  const { bearerToken, password, ...config } = cluster.input.config;
  const tls = config.tlsClientConfig
    ? (({ keyData, ...rest }) => rest)(config.tlsClientConfig)
    : undefined;
  const applicationsCount = [...context.store.applications.values()].filter(
    app =>
      app.spec.destination.server === cluster.input.server ||
      app.spec.destination.name === cluster.input.name,
  ).length;
  // ArgoCD only connects to clusters that applications target.
  const refused = context.clusterAccess({ server: cluster.input.server });
  const connectionState =
    applicationsCount > 0
      ? {
          status: refused ? 'Failed' : 'Successful',
          message: refused ?? '',
          attemptedAt: context.nowIso,
        }
      : {
          status: 'Unknown',
          message: 'Cluster has no applications and is not being monitored.',
          attemptedAt: context.nowIso,
        };
  return {
    ...cluster.input,
    config: { ...config, ...(tls ? { tlsClientConfig: tls } : {}) },
    connectionState,
    info: { connectionState, cacheInfo: {}, applicationsCount },
  };
}

function find(context: RouteContext, idValue: string): StoredCluster {
  const byName = context.request.query.get('id.type') === 'name';
  const cluster = byName
    ? context.store.clusterByName(idValue)
    : context.store.clusters.get(idValue);
  if (!cluster) throw permissionDenied();
  return cluster;
}

function validate(input: Partial<ClusterInput>): ClusterInput {
  if (!input.server) {
    throw new ArgoCdError(GRPC.InvalidArgument, 'cluster server is required');
  }
  return {
    ...input,
    name: input.name ?? '',
    config: input.config ?? {},
  } as ClusterInput;
}

function create(context: RouteContext): SandboxResponse {
  const input = validate(parseBody<Partial<ClusterInput>>(context.request));
  const upsert = context.request.query.get('upsert') === 'true';
  const existing = context.store.clusters.get(input.server);
  if (existing && !sameJson(existing.input, input) && !upsert) {
    throw new ArgoCdError(
      GRPC.InvalidArgument,
      'existing cluster spec is different; use upsert flag to force update',
    );
  }
  const stored = { input, createdAt: existing?.createdAt ?? context.nowIso };
  context.store.clusters.set(input.server, stored);
  return jsonResponse(200, render(context, stored));
}

export function routeClusters(
  context: RouteContext,
  path: string,
): SandboxResponse | undefined {
  const { method, query } = context.request;
  if (path === '/clusters') {
    if (method === 'GET') {
      const items = [...context.store.clusters.values()]
        .filter(
          c => !query.get('server') || c.input.server === query.get('server'),
        )
        .filter(c => !query.get('name') || c.input.name === query.get('name'))
        .map(c => render(context, c));
      return jsonResponse(200, { metadata: {}, items });
    }
    if (method === 'POST') return create(context);
    return undefined;
  }
  const match = /^\/clusters\/([^/]+)$/.exec(path);
  if (!match) return undefined;
  const id = decodeURIComponent(match[1]);
  if (method === 'GET')
    return jsonResponse(200, render(context, find(context, id)));
  if (method === 'PUT') {
    const existing = find(context, id);
    const input = validate({
      ...existing.input,
      ...parseBody<Partial<ClusterInput>>(context.request),
    });
    if (input.server !== existing.input.server) {
      context.store.clusters.delete(existing.input.server);
    }
    const stored = { input, createdAt: existing.createdAt };
    context.store.clusters.set(input.server, stored);
    return jsonResponse(200, render(context, stored));
  }
  if (method === 'DELETE') {
    const existing = find(context, id);
    context.store.clusters.delete(existing.input.server);
    return jsonResponse(200, {});
  }
  return undefined;
}
