import { Entity } from '@backstage/catalog-model';

/**
 * Annotation keys on cluster entities. The `kubernetes.io/*` keys are the ones the
 * Kubernetes plugin's catalog cluster locator reads; this project's own keys share the
 * `eks-platform/` prefix.
 */
export const CLUSTER_ANNOTATIONS = {
  apiServer: 'kubernetes.io/api-server',
  apiServerCertificateAuthority:
    'kubernetes.io/api-server-certificate-authority',
  authProvider: 'kubernetes.io/auth-provider',
  awsClusterName: 'kubernetes.io/x-k8s-aws-id',
  awsAccountId: 'kubernetes.io/aws-account-id',
  environment: 'eks-platform/environment',
  region: 'eks-platform/region',
  kubernetesVersion: 'eks-platform/kubernetes-version',
} as const;

/** The catalog's view of an EKS cluster, read from its entity. */
export interface EksClusterRef {
  entityName: string;
  clusterName: string;
  accountId?: string;
  region?: string;
  environment?: string;
  kubernetesVersion?: string;
  apiServer?: string;
}

/** True for `kind: Resource` entities with `spec.type: kubernetes-cluster`. */
export function isKubernetesClusterEntity(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'resource' &&
    entity.spec?.type === 'kubernetes-cluster'
  );
}

/** Reads a cluster entity's annotations; the EKS cluster name defaults to the entity name. */
export function readEksClusterRef(entity: Entity): EksClusterRef {
  const annotations = entity.metadata.annotations ?? {};
  return {
    entityName: entity.metadata.name,
    clusterName:
      annotations[CLUSTER_ANNOTATIONS.awsClusterName] ?? entity.metadata.name,
    accountId: annotations[CLUSTER_ANNOTATIONS.awsAccountId],
    region: annotations[CLUSTER_ANNOTATIONS.region],
    environment: annotations[CLUSTER_ANNOTATIONS.environment],
    kubernetesVersion: annotations[CLUSTER_ANNOTATIONS.kubernetesVersion],
    apiServer: annotations[CLUSTER_ANNOTATIONS.apiServer],
  };
}
