/**
 * The catalog entity of an EKS cluster the platform created: a `kind: Resource`,
 * `spec.type: kubernetes-cluster` with the `kubernetes.io/*` annotations the Kubernetes
 * plugin's catalog cluster locator reads, the environment's annotations this project's
 * cards read, its cost-allocation tag, the selector of its ArgoCD applications and
 * ADR-0007's 99.9 % availability SLO.
 */
import type { Entity } from '@backstage/catalog-model';
import { eksClusterConsoleUrl } from '../aws/console';
import { ENVIRONMENT_NAME_TAG } from '../aws/tags';
import { COST_ANNOTATIONS } from '../cost/allocation';
import {
  DEFAULT_SLO_OBJECTIVE_PERCENT,
  SLO_ANNOTATIONS,
} from '../slo/definition';
import { CLUSTER_ANNOTATIONS } from './clusterEntity';

export interface ClusterEntityFacts {
  /** EKS cluster name, also the entity name (`acme-dev-cluster`). */
  clusterName: string;
  /** The environment's base name, the value of its `eks-platform:environment-name` tag. */
  environmentName: string;
  /** dev, staging or production. */
  environment: string;
  accountId: string;
  region: string;
  kubernetesVersion?: string;
  /** The API server URL. */
  endpoint: string;
  /** Base64 PEM of the cluster's certificate authority, as DescribeCluster returns it. */
  certificateAuthority: string;
  /** Owning group entity reference. */
  owner: string;
  system?: string;
}

/** The label eks-platform:argocd:register puts on the environment's ArgoCD applications. */
export const ENVIRONMENT_NAME_LABEL = 'eks-platform/environment-name';

const LIFECYCLES: Record<string, string> = {
  dev: 'development',
  staging: 'staging',
  production: 'production',
};

/** The label value of an environment (`dev`), kept within Kubernetes label rules. */
function lifecycleOf(environment: string): string {
  return LIFECYCLES[environment] ?? environment;
}

export function clusterEntityFor(facts: ClusterEntityFacts): Entity {
  const selector = `cluster="${facts.clusterName}"`;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: facts.clusterName,
      title: facts.clusterName,
      description: `EKS cluster of the ${facts.environmentName} ${facts.environment} environment.`,
      labels: { [CLUSTER_ANNOTATIONS.environment]: facts.environment },
      annotations: {
        [CLUSTER_ANNOTATIONS.environment]: facts.environment,
        [CLUSTER_ANNOTATIONS.region]: facts.region,
        ...(facts.kubernetesVersion
          ? { [CLUSTER_ANNOTATIONS.kubernetesVersion]: facts.kubernetesVersion }
          : {}),
        [CLUSTER_ANNOTATIONS.apiServer]: facts.endpoint,
        [CLUSTER_ANNOTATIONS.apiServerCertificateAuthority]:
          facts.certificateAuthority,
        [CLUSTER_ANNOTATIONS.authProvider]: 'aws',
        [CLUSTER_ANNOTATIONS.awsClusterName]: facts.clusterName,
        [CLUSTER_ANNOTATIONS.awsAccountId]: facts.accountId,
        // Every resource of the environment carries this tag; activate it as a
        // cost-allocation tag in the billing console for Cost Explorer to filter on it.
        [COST_ANNOTATIONS.allocationTags]: `${ENVIRONMENT_NAME_TAG}=${facts.environmentName}`,
        // The ArgoCD plugins list the applications eks-platform:argocd:register labels.
        'argocd/app-selector': `${ENVIRONMENT_NAME_LABEL}=${facts.environmentName}`,
        [SLO_ANNOTATIONS.objective]: String(DEFAULT_SLO_OBJECTIVE_PERCENT),
        [SLO_ANNOTATIONS.total]: `http_requests_total{${selector}}`,
        [SLO_ANNOTATIONS.bad]: `http_requests_total{${selector},code=~"5.."}`,
      },
      tags: ['eks', facts.environment],
      links: [
        {
          url: eksClusterConsoleUrl(facts.region, facts.clusterName),
          title: 'AWS console',
          icon: 'cloud',
        },
      ],
    },
    spec: {
      type: 'kubernetes-cluster',
      owner: facts.owner,
      lifecycle: lifecycleOf(facts.environment),
      ...(facts.system ? { system: facts.system } : {}),
    },
  };
}
