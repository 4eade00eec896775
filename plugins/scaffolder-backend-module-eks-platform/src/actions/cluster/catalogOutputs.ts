import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  clusterEntityFor,
  eksClusterConsoleUrl,
  type EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';

export interface ClusterCatalogOutputs {
  /** The entity the catalog's EKS cluster discovery registers for this cluster. */
  entity: Entity;
  entityRef: string;
  consoleUrl: string;
}

/** What the template links to: the cluster's catalog entity and its AWS console page. */
export function clusterCatalogOutputs(
  spec: EnvironmentSpec,
  cluster: { name: string; endpoint: string; certificateAuthority: string },
): ClusterCatalogOutputs {
  const entity = clusterEntityFor({
    clusterName: cluster.name,
    environmentName: spec.name,
    environment: spec.environment,
    accountId: spec.account,
    region: spec.region,
    kubernetesVersion: spec.kubernetesVersion,
    endpoint: cluster.endpoint,
    certificateAuthority: cluster.certificateAuthority,
    owner: spec.owner,
    ...(spec.tags.project ? { system: spec.tags.project } : {}),
  });
  return {
    entity,
    entityRef: stringifyEntityRef(entity),
    consoleUrl: eksClusterConsoleUrl(spec.region, cluster.name),
  };
}
