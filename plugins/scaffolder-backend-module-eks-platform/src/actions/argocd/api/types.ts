import type { ArgoCdTransportOptions } from '@internal/plugin-eks-platform-node';

/** One ArgoCD server the client talks to. */
export interface ArgoCdInstance {
  /** The name the configuration gives it, used in every error message. */
  name: string;
  /** ArgoCD's base URL, for its UI and its API (`${url}/api/v1/…`), e.g. https://argocd.example.com. */
  url: string;
  /** API token of an ArgoCD account: only ever sent as `Authorization: Bearer`. */
  token: string;
}

/** What an idempotent upsert did. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** A cluster as `POST /api/v1/clusters` takes it (ArgoCD's v1alpha1.Cluster). */
export interface ArgoCdClusterInput {
  /** The Kubernetes API server URL: the cluster's identity in ArgoCD. */
  server: string;
  name: string;
  /** v1alpha1.ClusterConfig, e.g. `{ awsAuthConfig: { clusterName, roleARN }, tlsClientConfig: { caData } }`. */
  config: object;
  /** The AppProject the cluster is scoped to, if any. */
  project?: string;
  labels?: Record<string, string>;
}

/** How the client's requests are made: the transport's options. */
export type ArgoCdClientOptions = ArgoCdTransportOptions;
