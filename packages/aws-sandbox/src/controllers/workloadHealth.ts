/**
 * The health ArgoCD reports for what an application's sync made, as the cluster's
 * controllers leave it (argoproj/gitops-engine, `pkg/health`):
 * - an Ingress is Progressing until its controller gives it an address (`health_ingress.go`);
 * - a PersistentVolumeClaim is Progressing until it is Bound (`health_pvc.go`);
 * - a Deployment whose pods cannot start is Progressing until its `progressDeadlineSeconds`
 *   (600 by default) pass, then Degraded: `Deployment "<name>" exceeded its progress
 *   deadline` (`health_deployment.go`).
 */
import type { SandboxContext } from '../core/types';
import type { Application } from '../services/argocd/argoCdStore';
import type { ResourceHealth } from '../services/argocd/applicationStatus';
import type { StoredCluster } from '../services/eks/eksStore';
import { credentialsProblem } from './controllerCredentials';
import { helmReleaseOf } from './helmRelease';

/** Kubernetes' default `progressDeadlineSeconds` of a Deployment. */
const PROGRESS_DEADLINE_SECONDS = 600;

/**
 * The Cluster Autoscaler's Deployment: at start it discovers its Auto Scaling groups
 * (autoscaling:DescribeAutoScalingGroups); without credentials allowing that the process
 * exits and its pod restarts in CrashLoopBackOff (kubernetes/autoscaler,
 * `cloudprovider/aws/README.md`, "Permissions").
 */
export function clusterAutoscalerHealth(
  context: SandboxContext,
  accountId: string,
  cluster: StoredCluster,
  app: Application,
  syncedAt: number,
): ResourceHealth {
  const { values, releaseName, namespace } = helmReleaseOf(app);
  const name = `${releaseName}-aws-cluster-autoscaler`;
  const problem = credentialsProblem(context, accountId, cluster, {
    namespace,
    serviceAccount: values.rbac?.serviceAccount?.name ?? name,
    action: 'autoscaling:DescribeAutoScalingGroups',
    managedPolicyArns: [],
  });
  const resource = { group: 'apps', kind: 'Deployment', namespace, name };
  if (!problem) return { ...resource, health: { status: 'Healthy' } };
  const crashing = `its pods are in CrashLoopBackOff: ${problem}`;
  return context.clock.hasElapsed(syncedAt, PROGRESS_DEADLINE_SECONDS)
    ? {
        ...resource,
        health: {
          status: 'Degraded',
          message: `Deployment "${name}" exceeded its progress deadline; ${crashing}`,
        },
      }
    : {
        ...resource,
        health: {
          status: 'Progressing',
          message: `Waiting for rollout to finish: 0 of 1 updated replicas are available...; ${crashing}`,
        },
      };
}

/** An Ingress or claim the sync made: Healthy once provisioned, else Progressing with why. */
export function provisionedHealth(
  object: {
    kind: 'Ingress' | 'PersistentVolumeClaim';
    namespace: string;
    name: string;
  },
  problem: string | undefined,
): ResourceHealth {
  return {
    ...(object.kind === 'Ingress' ? { group: 'networking.k8s.io' } : {}),
    ...object,
    health: problem
      ? { status: 'Progressing', message: problem }
      : { status: 'Healthy' },
  };
}
