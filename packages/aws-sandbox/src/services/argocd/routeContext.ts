/** What every ArgoCD route handler receives, and helpers they share. */
import { isDeepStrictEqual } from 'node:util';
import type { SandboxClock } from '../../core/clock';
import type { SandboxRequest } from '../../core/types';
import { ArgoCdError, GRPC } from './argoCdErrors';
import type {
  AppProject,
  Application,
  ArgoCdStore,
  Destination,
} from './argoCdStore';
import type { ResourceHealth } from './applicationStatus';

export interface RouteContext {
  request: SandboxRequest;
  store: ArgoCdStore;
  clock: SandboxClock;
  /** Why ArgoCD cannot deploy to the destination's cluster (`clusterAccessProblem`). */
  clusterAccess(destination: Destination): string | undefined;
  /** The health of what a synced application made on its cluster. */
  resourceHealth(app: Application): ResourceHealth[];
  /** The ArgoCD account the caller authenticated as (`initiatedBy.username`). */
  username: string;
  /** RFC 3339 time of the request, second precision as Kubernetes stores it. */
  nowIso: string;
}

export function parseBody<T>(request: SandboxRequest): T {
  try {
    return JSON.parse(request.body || '{}') as T;
  } catch (error) {
    throw new ArgoCdError(GRPC.InvalidArgument, (error as Error).message);
  }
}

/** Go's reflect.DeepEqual on the JSON form: absent and undefined fields compare equal. */
export function sameJson(a: unknown, b: unknown): boolean {
  const normalize = (value: unknown) =>
    value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  return isDeepStrictEqual(normalize(a), normalize(b));
}

/** ArgoCD's glob matching of project source repos and destinations ('*' matches anything). */
export function globMatches(
  pattern: string | undefined,
  value: string,
): boolean {
  if (pattern === undefined) return false;
  const regex = pattern
    .split('*')
    .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${regex}$`).test(value);
}

/** AppProject.IsDestinationPermitted: some allowed destination matches server (or name) and namespace. */
export function destinationPermitted(
  project: AppProject,
  destination: Destination,
  server: string,
): boolean {
  const namespace = destination.namespace ?? '';
  return (project.spec.destinations ?? []).some(
    d =>
      (globMatches(d.server, server) ||
        globMatches(d.name, destination.name ?? '')) &&
      globMatches(d.namespace, namespace),
  );
}

/** AppProject.IsSourcePermitted: some source repo pattern matches the repo URL. */
export function sourcePermitted(project: AppProject, repoURL: string): boolean {
  return (project.spec.sourceRepos ?? []).some(repo =>
    globMatches(repo, repoURL),
  );
}

export const ROUTE_PREFIX = '/api/v1';
