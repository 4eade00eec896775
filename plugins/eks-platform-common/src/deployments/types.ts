/**
 * What `GET /deployments/:namespace/:name` answers: the ArgoCD applications an entity's
 * `argocd/app-selector` selects, their deployments, and the error budget each burned.
 */
import type { DeploymentImpact } from './budgetImpact';

/** Who started a deployment, as ArgoCD records it. */
export interface DeploymentInitiator {
  /** The ArgoCD account or SSO user; absent for automated syncs. */
  username?: string;
  automated: boolean;
}

export interface DeploymentHistoryEntry {
  /** ArgoCD's history id: what a rollback names. */
  id: number;
  /** The chart version or commit deployed. */
  revision: string;
  /** `chart@version` or `path@ref` of the source. */
  source: string;
  /** ISO time the sync finished. */
  deployedAt: string;
  initiatedBy: DeploymentInitiator;
  /** The error budget the environment burned after it; null without SLO data. */
  impact: DeploymentImpact | null;
}

export interface LastOperation {
  phase: string;
  message: string;
  startedAt?: string;
  finishedAt?: string;
  /** `sync` or `rollback`-like operations both show as the revision they deploy. */
  revision?: string;
}

export interface DeployedApplication {
  name: string;
  project: string;
  /** The Kubernetes namespace it deploys to. */
  namespace: string;
  /** Synced, OutOfSync or Unknown. */
  syncStatus: string;
  /** Healthy, Progressing, Degraded, Suspended, Missing or Unknown. */
  healthStatus: string;
  healthMessage?: string;
  /** What runs: the last deployment's revision. */
  revision?: string;
  /** What the application's spec targets. */
  targetRevision?: string;
  deployedAt?: string;
  automatedSync: boolean;
  /** An operation ArgoCD is running now. */
  operationRunning: boolean;
  lastOperation?: LastOperation;
  /** Newest first. */
  history: DeploymentHistoryEntry[];
  /** The application in ArgoCD's UI. */
  url: string;
}

export type DeploymentSloStatus =
  | { status: 'ok'; objectivePercent: number; windowHours: number }
  | { status: 'absent' | 'error'; message: string };

/** What the caller may do on these applications, as the server decided. */
export interface DeploymentActions {
  sync: boolean;
  rollback: boolean;
  /** Why not, when an action is refused. */
  reason?: string;
}

export interface DeploymentsReport {
  entityRef: string;
  /** The configured ArgoCD instance the applications live in. */
  instance: string;
  selector: string;
  generatedAt: string;
  applications: DeployedApplication[];
  slo: DeploymentSloStatus;
  actions: DeploymentActions;
}

/** `POST …/applications/:app/rollback`. */
export interface RollbackRequest {
  /** The history id to go back to. */
  id: number;
  /** Turn the application's automated sync off first, which ArgoCD requires. */
  suspendAutomatedSync?: boolean;
}

/** What a sync or rollback request answers. */
export interface DeploymentActionResult {
  application: string;
  /** ArgoCD's answer, in a sentence. */
  message: string;
  automatedSyncSuspended: boolean;
}
