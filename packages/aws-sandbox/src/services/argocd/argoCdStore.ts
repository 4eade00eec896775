/**
 * ArgoCD's objects in memory: AppProjects, Applications (Kubernetes-style resources in
 * the argocd namespace) and cluster secrets, plus the session tokens it issued.
 */
import type { SandboxContext } from '../../core/types';

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  /** Set when a delete waits for finalizers (ArgoCD's cascade deletion). */
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

export interface Destination {
  server?: string;
  name?: string;
  namespace?: string;
}

export interface AppProject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: {
    description?: string;
    sourceRepos?: string[];
    destinations?: Destination[];
    [field: string]: unknown;
  };
  status?: Record<string, unknown>;
}

export interface ApplicationSource {
  repoURL: string;
  path?: string;
  chart?: string;
  targetRevision?: string;
  [field: string]: unknown;
}

export interface Application {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: {
    project?: string;
    source?: ApplicationSource;
    sources?: ApplicationSource[];
    destination: Destination;
    [field: string]: unknown;
  };
  status?: Record<string, unknown>;
  operation?: unknown;
}

/** The application's sources: `sources` when it has several, else its single `source`. */
export function sourcesOf(app: Application): ApplicationSource[] {
  if (app.spec.sources && app.spec.sources.length > 0) return app.spec.sources;
  return app.spec.source ? [app.spec.source] : [];
}

export interface ClusterConfig {
  awsAuthConfig?: { clusterName: string; roleARN?: string; profile?: string };
  tlsClientConfig?: {
    insecure?: boolean;
    caData?: string;
    serverName?: string;
    certData?: string;
    keyData?: string;
  };
  bearerToken?: string;
  username?: string;
  password?: string;
  [field: string]: unknown;
}

/** A cluster as POST /api/v1/clusters receives it. */
export interface ClusterInput {
  server: string;
  name: string;
  config: ClusterConfig;
  namespaces?: string[];
  project?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  clusterResources?: boolean;
  [field: string]: unknown;
}

export interface StoredCluster {
  input: ClusterInput;
  createdAt: string;
}

/** What a sync deployed: status.history's RevisionHistory. */
export interface RevisionHistory {
  id: number;
  revision: string;
  source: ApplicationSource;
  deployStartedAt: string;
  deployedAt: string;
  initiatedBy: { username?: string; automated?: boolean };
}

/** A sync or rollback the application controller is running (Application.operation). */
export interface RunningOperation {
  /** Sandbox-clock millis of when it was requested. */
  startedAt: number;
  revision: string;
  source: ApplicationSource;
  initiatedBy: { username?: string; automated?: boolean };
  /** A dry run changes nothing and leaves no history entry. */
  dryRun: boolean;
}

/** The last operation's outcome (status.operationState). */
export interface OperationState {
  phase: 'Running' | 'Succeeded' | 'Failed';
  message: string;
  startedAt: string;
  finishedAt?: string;
  operation: { sync: { revision: string; source?: ApplicationSource } };
  syncResult?: { revision: string; source: ApplicationSource };
}

/** A health the sandbox is told a revision's workloads have (a seeded bad release). */
export interface RevisionHealth {
  status: 'Healthy' | 'Progressing' | 'Degraded';
  message?: string;
}

export const ARGOCD_NAMESPACE = 'argocd';

/** RFC 3339 at second precision, as Kubernetes stores times. */
export function isoSeconds(millis: number): string {
  return new Date(Math.floor(millis / 1000) * 1000)
    .toISOString()
    .replace('.000', '');
}
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

export class ArgoCdStore {
  readonly projects = new Map<string, AppProject>();
  readonly applications = new Map<string, Application>();
  readonly clusters = new Map<string, StoredCluster>();
  /** Session tokens it issued, with the user each belongs to. */
  readonly sessions = new Map<string, string>();
  /** Sandbox-clock millis of each application's last spec change, for its sync status. */
  readonly specChangedAt = new Map<string, number>();
  /** Sandbox-clock millis at which each application being deleted was asked to be. */
  readonly deletionRequestedAt = new Map<string, number>();
  /**
   * Applications whose resources a cascaded delete removed, with when: the cluster's
   * controllers then delete what they made for them (load balancers, volumes).
   */
  readonly resourcesDeletedAt = new Map<string, number>();
  /** Each application's deployments, oldest first (status.history). */
  readonly history = new Map<string, RevisionHistory[]>();
  /** The operation each application is running, until the controller finishes it. */
  readonly operations = new Map<string, RunningOperation>();
  /** Each application's last finished operation. */
  readonly operationStates = new Map<string, OperationState>();
  /** The health of given revisions of an application, where it is not Healthy. */
  readonly revisionHealth = new Map<string, Map<string, RevisionHealth>>();
  private version = 1000;
  private uidCounter = 0;

  constructor(createdAt: string) {
    this.projects.set('default', {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: {
        name: 'default',
        namespace: ARGOCD_NAMESPACE,
        uid: this.nextUid(),
        resourceVersion: this.nextResourceVersion(),
        generation: 1,
        creationTimestamp: createdAt,
      },
      spec: {
        sourceRepos: ['*'],
        destinations: [{ server: '*', namespace: '*' }],
        clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      },
      status: {},
    });
    this.clusters.set(IN_CLUSTER_SERVER, {
      input: {
        server: IN_CLUSTER_SERVER,
        name: 'in-cluster',
        config: { tlsClientConfig: { insecure: false } },
      },
      createdAt,
    });
  }

  nextResourceVersion(): string {
    this.version += 1;
    return String(this.version);
  }

  nextUid(): string {
    this.uidCounter += 1;
    const hex = this.uidCounter.toString(16).padStart(12, '0');
    return `5a4d0c3e-8f1b-4c2a-9e7d-${hex}`;
  }

  clusterByName(name: string): StoredCluster | undefined {
    return [...this.clusters.values()].find(c => c.input.name === name);
  }
}

/** The one ArgoCD of the sandbox, in its state (so `/_sandbox/reset` clears it). */
export function argoCdStoreOf(context: SandboxContext): ArgoCdStore {
  return context.state.scope(
    'argocd',
    'global',
    'global',
    () => new ArgoCdStore(isoSeconds(context.clock.nowMillis())),
  );
}
