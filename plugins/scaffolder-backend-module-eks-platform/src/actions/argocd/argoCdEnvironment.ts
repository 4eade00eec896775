import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import type { ArgoCdEnvironment } from './manifests/renderManifests';

/** The renderer's input from a validated spec and the action's ArgoCD fields. */
export function argoCdEnvironmentOf(
  spec: EnvironmentSpec,
  input: {
    clusterName: string;
    clusterEndpoint?: string;
    clusterCertificateAuthority?: string;
    vpcId?: string;
    argocdRoleArn?: string;
    repoUrl: string;
    targetRevision?: string;
    path?: string;
    syncPolicy?: { automated?: boolean; prune?: boolean; selfHeal?: boolean };
  },
): ArgoCdEnvironment {
  return {
    spec,
    clusterName: input.clusterName,
    clusterEndpoint: input.clusterEndpoint ?? '',
    clusterCertificateAuthority: input.clusterCertificateAuthority ?? '',
    vpcId: input.vpcId ?? '',
    argocdRoleArn: input.argocdRoleArn ?? '',
    repoUrl: input.repoUrl,
    targetRevision: input.targetRevision ?? 'main',
    path: input.path ?? `clusters/${spec.name}`,
    syncPolicy: {
      automated: input.syncPolicy?.automated ?? true,
      // Production never deletes what Git no longer lists without a human looking.
      prune: input.syncPolicy?.prune ?? spec.environment !== 'production',
      selfHeal: input.syncPolicy?.selfHeal ?? true,
    },
  };
}
