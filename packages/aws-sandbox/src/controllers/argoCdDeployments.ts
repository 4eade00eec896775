/**
 * What ArgoCD's synced applications make in AWS through a cluster's controllers. Run before
 * each EC2 and ELB request (states are computed when read; nothing runs in the
 * background): an automated application synced to a sandbox cluster deploys its chart's
 * Ingresses (only while the AWS Load Balancer Controller's application is synced there
 * too) and volume claims (while the EBS CSI add-on is ACTIVE), and Fluent Bit ships
 * container logs to CloudWatch Logs (`fluentBit.ts`); a cascaded delete, once
 * ArgoCD has deleted the resources, lets the controllers delete what they made, if the
 * cluster still runs. After the cluster is gone they stay, orphaned, as on AWS. Nothing
 * deploys where EKS does not let ArgoCD's role in (`clusterAccess.ts`).
 */
import { SandboxContext } from '../core/types';
import { SYNC_SECONDS } from '../services/argocd/applicationStatus';
import { purgeDeletedApplications } from '../services/argocd/applicationRoutes';
import { clusterAccessProblem } from '../services/argocd/clusterAccess';
import type { Application, ArgoCdStore } from '../services/argocd/argoCdStore';
import { deployToCluster } from './applyWorkloads';
import { workloadsOf } from './chartWorkloads';
import {
  ClusterPlacement,
  clusterRunsNodes,
  ingressKey,
  removeWorkloads,
} from './clusterWorkloads';
import { deleteReleasedGroups } from './loadBalancerController';
import { shipContainerLogs } from './fluentBit';
import { helmReleaseOf } from './helmRelease';
import { eksStoreOf } from '../services/eks/eksStore';
import type { ResourceHealth } from '../services/argocd/applicationStatus';
import { clusterAutoscalerHealth, provisionedHealth } from './workloadHealth';

type Target = Omit<ClusterPlacement, 'vpcId'>;

interface Deployments {
  /** Application name → where it deployed and the objects it made. */
  byApp: Map<string, { at: ClusterPlacement; keys: Set<string> }>;
  /** Frontend groups to delete once EC2 releases their interfaces, by account/region. */
  pendingGroupDeletes: Map<string, Set<string>>;
  /** Application name → its cluster and the health of the resources its sync made. */
  health: Map<string, { target: Target; resources: ResourceHealth[] }>;
}

function deploymentsOf(context: SandboxContext): Deployments {
  return context.state.scope('controllers', 'argocd', 'global', () => ({
    byApp: new Map(),
    pendingGroupDeletes: new Map(),
    health: new Map(),
  }));
}

/** The sandbox cluster an application's destination names: its endpoint's path. */
function targetOf(store: ArgoCdStore, app: Application): Target | undefined {
  const { destination } = app.spec;
  const server =
    destination.server ??
    (destination.name
      ? store.clusterByName(destination.name)?.input.server
      : undefined);
  const match = server
    ? /\/k8s\/(\d{12})\/([a-z0-9-]+)\/([A-Za-z0-9_-]+)\/?$/.exec(server)
    : null;
  return match
    ? { accountId: match[1], region: match[2], clusterName: match[3] }
    : undefined;
}

/** When the application finished syncing, or undefined if it has not (or never will). */
function syncedAt(
  context: SandboxContext,
  store: ArgoCdStore,
  app: Application,
): number | undefined {
  const automated = (app.spec.syncPolicy as { automated?: unknown } | undefined)
    ?.automated;
  const changedAt = store.specChangedAt.get(app.metadata.name);
  if (!automated || changedAt === undefined || app.metadata.deletionTimestamp)
    return undefined;
  // Not while EKS keeps ArgoCD's role out of the cluster.
  if (clusterAccessProblem(context, store, app.spec.destination))
    return undefined;
  return context.clock.hasElapsed(changedAt, SYNC_SECONDS)
    ? changedAt + context.clock.scaledMillis(SYNC_SECONDS)
    : undefined;
}

const sameCluster = (a: Target, b: Target) =>
  a.accountId === b.accountId &&
  a.region === b.region &&
  a.clusterName === b.clusterName;

export function syncArgoCdDeployments(context: SandboxContext): void {
  const deployments = deploymentsOf(context);
  for (const { store } of context.state.scopesOf<ArgoCdStore>('argocd')) {
    purgeDeletedApplications({ store, clock: context.clock });
    for (const name of store.resourcesDeletedAt.keys()) {
      store.resourcesDeletedAt.delete(name);
      const deployed = deployments.byApp.get(name);
      deployments.byApp.delete(name);
      deployments.health.delete(name);
      if (!deployed || !clusterRunsNodes(context, deployed.at)) continue;
      removeWorkloads(
        context,
        deployed.at,
        deployed.keys,
        pendingOf(deployments, deployed.at),
      );
    }
    const synced = [...store.applications.values()].flatMap(app => {
      const at = syncedAt(context, store, app);
      const target = targetOf(store, app);
      return at !== undefined && target ? [{ app, at, target }] : [];
    });
    for (const { app, at, target } of synced) {
      const { chart } = helmReleaseOf(app);
      if (chart === 'fluent-bit') {
        shipContainerLogs(context, target, app);
        continue;
      }
      if (chart === 'cluster-autoscaler') {
        const cluster = eksStoreOf(
          context,
          target.accountId,
          target.region,
        ).liveCluster(target.clusterName, context.clock.nowMillis());
        if (cluster) {
          deployments.health.set(app.metadata.name, {
            target,
            resources: [
              clusterAutoscalerHealth(
                context,
                target.accountId,
                cluster,
                app,
                at,
              ),
            ],
          });
        }
        continue;
      }
      const workloads = workloadsOf(app);
      if (!workloads.ingresses.length && !workloads.volumeClaims.length)
        continue;
      const controllerRuns = synced.some(
        other =>
          sameCluster(other.target, target) &&
          helmReleaseOf(other.app).chart === 'aws-load-balancer-controller',
      );
      const result = deployToCluster(
        context,
        {
          ...target,
          ingresses: controllerRuns ? workloads.ingresses : [],
          volumeClaims: workloads.volumeClaims,
        },
        at,
      );
      if ('status' in result) continue;
      const entry = deployments.byApp.get(app.metadata.name) ?? {
        at: result.at,
        keys: new Set<string>(),
      };
      Object.keys(result.deployed).forEach(key => entry.keys.add(key));
      deployments.byApp.set(app.metadata.name, entry);
      deployments.health.set(app.metadata.name, {
        target,
        resources: healthOfWorkloads(target, workloads, result, controllerRuns),
      });
    }
  }
  for (const [scope, pending] of deployments.pendingGroupDeletes) {
    const [accountId, region] = scope.split('/');
    deleteReleasedGroups(context, { accountId, region }, pending);
  }
}

function pendingOf(deployments: Deployments, at: Target): Set<string> {
  const key = `${at.accountId}/${at.region}`;
  let pending = deployments.pendingGroupDeletes.get(key);
  if (!pending) {
    pending = new Set();
    deployments.pendingGroupDeletes.set(key, pending);
  }
  return pending;
}

/** Each Ingress and claim of the sync: provisioned, or why it waits. */
function healthOfWorkloads(
  target: Target,
  workloads: ReturnType<typeof workloadsOf>,
  result: {
    deployed: Record<string, unknown>;
    pending: { object: string; reason: string }[];
  },
  controllerRuns: boolean,
): ResourceHealth[] {
  const pending = new Map(result.pending.map(p => [p.object, p.reason]));
  const ingresses = workloads.ingresses.map(({ namespace, name }) => {
    const outcome = result.deployed[
      ingressKey(target.clusterName, { namespace, name })
    ] as { problem?: string } | undefined;
    const problem = controllerRuns
      ? pending.get(`Ingress ${namespace}/${name}`) ?? outcome?.problem
      : `no aws-load-balancer-controller application is synced to ${target.clusterName}`;
    return provisionedHealth({ kind: 'Ingress', namespace, name }, problem);
  });
  const claims = workloads.volumeClaims.map(({ namespace, name }) =>
    provisionedHealth(
      { kind: 'PersistentVolumeClaim', namespace, name },
      pending.get(`PersistentVolumeClaim ${namespace}/${name}`),
    ),
  );
  return [...ingresses, ...claims];
}

/** The health of the resources an application's last sync made (none if it made none). */
export function syncedResourceHealth(
  context: SandboxContext,
  appName: string,
): ResourceHealth[] {
  return deploymentsOf(context).health.get(appName)?.resources ?? [];
}

/** Whether a synced Cluster Autoscaler runs healthy on the cluster (as of the last sync). */
export function autoscalerRuns(
  context: SandboxContext,
  target: Target,
): boolean {
  return [...deploymentsOf(context).health.values()].some(
    entry =>
      sameCluster(entry.target, target) &&
      entry.resources.some(
        r =>
          r.kind === 'Deployment' &&
          r.name.endsWith('-aws-cluster-autoscaler') &&
          r.health.status === 'Healthy',
      ),
  );
}
