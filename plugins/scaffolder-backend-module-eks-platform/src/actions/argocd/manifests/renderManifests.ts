/**
 * The ArgoCD objects of one EKS environment, rendered from its spec and its cluster's
 * facts: an AppProject limited to the environment's cluster, namespaces and chart
 * repositories; the cluster (a declarative Secret and the same cluster as the REST
 * API's body), authenticated through an IAM role and never a static token; one
 * Application per platform component; a root Application (app of apps) that syncs the
 * component Applications from the GitOps repository; and the YAML files of the
 * repository layout.
 *
 * Pure and deterministic: no I/O, no clock, the same input gives the same files.
 */
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import { Document, isCollection } from 'yaml';
import {
  API_VERSION,
  applicationName,
  argoCdLabels,
  CLUSTER_SECRET_TYPE_LABEL,
  COMPONENT_LABEL,
  DEFAULT_ARGOCD_NAMESPACE,
  DEFAULT_TARGET_REVISION,
  IN_CLUSTER_SERVER,
  RETRY,
} from './argoCdNames';
import {
  automatedOf,
  componentApplication,
  type Settings,
} from './componentApplication';
import {
  applicationNamespaces,
  NAMESPACE_POLICIES,
  namespacePolicies,
  namespacePoliciesApplication,
} from './namespacePolicies';
import { PLATFORM_COMPONENTS } from './platformComponents';

export * from './argoCdNames';
import { schedulingFor } from './scheduling';

export interface ArgoCdEnvironment {
  spec: EnvironmentSpec;
  /** EKS cluster name, e.g. dpj-dev-cluster. */
  clusterName: string;
  /** https URL of the API server. */
  clusterEndpoint: string;
  /** Base64 PEM of the cluster's certificate authority, as DescribeCluster returns it. */
  clusterCertificateAuthority: string;
  /** The cluster's VPC, for the load balancer controller. */
  vpcId: string;
  /** IAM role ArgoCD assumes to authenticate to the cluster (EKS access entry). */
  argocdRoleArn: string;
  /** GitOps repository URL. */
  repoUrl: string;
  /** Branch, default 'main'. */
  targetRevision: string;
  /** Folder of this environment in the repository, e.g. clusters/dpj-dev. */
  path: string;
  /** Namespace of ArgoCD's own objects, default 'argocd'. */
  argocdNamespace?: string;
  syncPolicy: { automated: boolean; prune: boolean; selfHeal: boolean };
}

/** The cluster as the body of ArgoCD's REST API (v1alpha1.Cluster). */
export interface ArgoCdClusterApiObject {
  server: string;
  name: string;
  project?: string;
  config: {
    awsAuthConfig: { clusterName: string; roleARN: string };
    tlsClientConfig: { caData: string };
  };
  labels?: Record<string, string>;
}

export interface RenderedManifests {
  /** The AppProject. */
  project: Record<string, any>;
  /** The cluster as a declarative v1 Secret labelled argocd.argoproj.io/secret-type: cluster. */
  clusterSecret: Record<string, any>;
  /** The same cluster as the REST API's v1alpha1.Cluster body. */
  cluster: ArgoCdClusterApiObject;
  /** The root Application (app of apps), syncing `${path}/apps`. */
  root: Record<string, any>;
  /** One Application per platform component, then the namespace policies' one. */
  applications: Record<string, any>[];
  /** The NetworkPolicies of the application namespaces, synced from `${path}/policies`. */
  networkPolicies: Record<string, any>[];
  /** YAML files relative to the repository root, all under the environment's path. */
  files: { path: string; content: string }[];
}

/**
 * Cluster-scoped kinds the platform charts create, with the reason; anything else
 * cluster-scoped (PriorityClass, StorageClass, ClusterIssuer...) is refused.
 */
const CLUSTER_RESOURCE_WHITELIST: {
  group: string;
  kind: string;
  reason: string;
}[] = [
  {
    group: '',
    kind: 'Namespace',
    reason:
      'CreateNamespace=true creates the namespaces of the components (monitoring, logging, tracing, dpj)',
  },
  {
    group: 'apiextensions.k8s.io',
    kind: 'CustomResourceDefinition',
    reason:
      'CRDs of kube-prometheus-stack (monitoring.coreos.com) and aws-load-balancer-controller (elbv2.k8s.aws)',
  },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRole',
    reason:
      'cluster-wide read access of the operators, kube-state-metrics, Grafana sidecars, Fluent Bit and the ALB controller',
  },
  {
    group: 'rbac.authorization.k8s.io',
    kind: 'ClusterRoleBinding',
    reason: 'binds those ClusterRoles to the components service accounts',
  },
  {
    group: 'admissionregistration.k8s.io',
    kind: 'MutatingWebhookConfiguration',
    reason:
      'webhooks of the Prometheus Operator and of the ALB controller (pod readiness gates, Services)',
  },
  {
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingWebhookConfiguration',
    reason:
      'webhooks of the Prometheus Operator (rules) and of the ALB controller (Ingresses, TargetGroupBindings)',
  },
  {
    group: 'networking.k8s.io',
    kind: 'IngressClass',
    reason: 'the alb IngressClass of the ALB controller',
  },
  {
    group: 'elbv2.k8s.aws',
    kind: 'IngressClassParams',
    reason: 'the cluster-scoped parameters of the alb IngressClass',
  },
];

function requireValue(value: string | undefined, field: string): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') {
    throw new Error(
      `Cannot render the ArgoCD manifests: ${field} is empty (the cluster must exist and ArgoCD needs an IAM role to reach it)`,
    );
  }
  return trimmed;
}

/** A repository folder without leading or trailing slashes ('' for the root). */
function normalizeFolder(path: string): string {
  return path.trim().replace(/^\/+|\/+$/g, '');
}

function inFolder(folder: string, file: string): string {
  return folder === '' ? file : `${folder}/${file}`;
}

/** The same object in a new tree, so callers can change one output without touching another. */
function detached<T>(value: T): T {
  return structuredClone(value);
}

function yamlFile(
  path: string,
  header: string[],
  value: Record<string, any>,
  annotate?: (doc: Document) => void,
): { path: string; content: string } {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  annotate?.(doc);
  const comment = [
    ` Generated by eks-platform:argocd:register; edit the template input and run it again rather than this file.`,
    ...header.map(line => ` ${line}`),
  ].join('\n');
  doc.commentBefore = comment;
  return { path, content: doc.toString({ lineWidth: 0 }) };
}

/** Puts each whitelist entry's reason above it in project.yaml. */
function annotateWhitelist(doc: Document) {
  CLUSTER_RESOURCE_WHITELIST.forEach((entry, index) => {
    const node = doc.getIn(['spec', 'clusterResourceWhitelist', index], true);
    if (isCollection(node)) node.commentBefore = ` ${entry.reason}`;
  });
}

export function renderArgoCdManifests(
  env: ArgoCdEnvironment,
): RenderedManifests {
  const server = requireValue(env.clusterEndpoint, 'clusterEndpoint');
  const roleArn = requireValue(env.argocdRoleArn, 'argocdRoleArn');
  const vpcId = requireValue(env.vpcId, 'vpcId');
  const { spec, clusterName } = env;
  const labels = argoCdLabels(spec);
  const argocdNamespace =
    env.argocdNamespace?.trim() || DEFAULT_ARGOCD_NAMESPACE;
  const folder = normalizeFolder(env.path);
  const settings: Settings = {
    spec,
    labels,
    argocdNamespace,
    server,
    repoUrl: env.repoUrl,
    targetRevision: env.targetRevision?.trim() || DEFAULT_TARGET_REVISION,
    syncPolicy: env.syncPolicy,
  };
  const scheduling = schedulingFor(spec);

  const policiesFolder = inFolder(folder, 'policies');
  const policiesApp = namespacePoliciesApplication(settings, policiesFolder);
  const networkPolicies = applicationNamespaces().flatMap(namespace =>
    namespacePolicies(spec, namespace, labels),
  );
  const applications = [
    ...PLATFORM_COMPONENTS.map(component =>
      componentApplication(
        component,
        settings,
        component.values({
          spec,
          environment: spec.environment,
          clusterName,
          vpcId,
          scheduling,
        }),
      ),
    ),
    policiesApp,
  ];

  const sourceRepos = [
    ...new Set([
      ...PLATFORM_COMPONENTS.map(component =>
        component.source.type === 'helm'
          ? component.source.repoUrl
          : settings.repoUrl,
      ),
      settings.repoUrl,
    ]),
  ].sort();
  const namespaces = [
    ...new Set(PLATFORM_COMPONENTS.map(component => component.namespace)),
  ].sort();

  const project = {
    apiVersion: API_VERSION,
    kind: 'AppProject',
    metadata: { name: spec.name, namespace: argocdNamespace, labels },
    spec: {
      description: `EKS environment ${spec.name} (${spec.environment}, ${spec.region}, account ${spec.account}), owned by ${spec.owner}: platform components and DPJ applications on ${clusterName}`,
      sourceRepos,
      destinations: [
        ...namespaces.map(namespace => ({ server, namespace })),
        // The root Application creates the component Applications next to ArgoCD.
        { server: IN_CLUSTER_SERVER, namespace: argocdNamespace },
      ],
      clusterResourceWhitelist: CLUSTER_RESOURCE_WHITELIST.map(
        ({ group, kind }) => ({ group, kind }),
      ),
    },
  };

  const clusterConfig = {
    awsAuthConfig: { clusterName, roleARN: roleArn },
    tlsClientConfig: { caData: env.clusterCertificateAuthority },
  };
  const cluster: ArgoCdClusterApiObject = {
    server,
    name: clusterName,
    config: clusterConfig,
    labels,
  };
  const clusterSecret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: `cluster-${clusterName}`,
      namespace: argocdNamespace,
      labels: { [CLUSTER_SECRET_TYPE_LABEL]: 'cluster', ...labels },
    },
    type: 'Opaque',
    // ArgoCD assumes the role and signs an EKS token itself: nothing secret in here.
    stringData: {
      name: clusterName,
      server,
      config: JSON.stringify(clusterConfig),
    },
  };

  const appsFolder = inFolder(folder, 'apps');
  const root = {
    apiVersion: API_VERSION,
    kind: 'Application',
    metadata: {
      name: applicationName(spec, 'root'),
      namespace: argocdNamespace,
      labels: { ...labels, [COMPONENT_LABEL]: 'root' },
    },
    spec: {
      project: spec.name,
      source: {
        repoURL: settings.repoUrl,
        targetRevision: settings.targetRevision,
        path: appsFolder,
        directory: { recurse: false },
      },
      destination: { server: IN_CLUSTER_SERVER, namespace: argocdNamespace },
      syncPolicy: { ...automatedOf(settings.syncPolicy), retry: RETRY },
    },
  };

  const files = [
    yamlFile(
      inFolder(folder, 'project.yaml'),
      [
        `AppProject of ${spec.name}: what its applications may deploy, from where, and where.`,
      ],
      project,
      annotateWhitelist,
    ),
    yamlFile(
      inFolder(folder, 'cluster-secret.yaml'),
      [
        `Cluster ${clusterName} for ArgoCD: ArgoCD assumes ${roleArn} to reach it; no static credential.`,
      ],
      clusterSecret,
    ),
    yamlFile(
      inFolder(folder, 'root.yaml'),
      [
        `Root application of ${spec.name}: syncs every application in ${appsFolder}.`,
      ],
      root,
    ),
    ...PLATFORM_COMPONENTS.map((component, index) =>
      yamlFile(
        inFolder(appsFolder, `${component.id}.yaml`),
        [
          `${component.id}: ${component.description}.`,
          component.source.type === 'helm'
            ? `Chart ${component.source.chart} ${component.source.version} from ${component.source.repoUrl}.`
            : `Chart ${component.source.path} of this repository at ${settings.targetRevision}.`,
        ],
        applications[index],
      ),
    ),
    yamlFile(
      inFolder(appsFolder, `${NAMESPACE_POLICIES}.yaml`),
      [
        `${NAMESPACE_POLICIES}: default-deny NetworkPolicies of ${applicationNamespaces().join(
          ', ',
        )}.`,
        `Manifests in ${policiesFolder} of this repository at ${settings.targetRevision}.`,
      ],
      policiesApp,
    ),
    ...networkPolicies.map(({ metadata }, index) =>
      yamlFile(
        inFolder(policiesFolder, `${metadata.namespace}-${metadata.name}.yaml`),
        [
          `NetworkPolicy ${metadata.name} of the ${metadata.namespace} namespace (enforced by the VPC CNI).`,
        ],
        networkPolicies[index],
      ),
    ),
  ];

  return {
    project: detached(project),
    clusterSecret: detached(clusterSecret),
    cluster: detached(cluster),
    root: detached(root),
    applications: applications.map(detached),
    networkPolicies: networkPolicies.map(detached),
    files,
  };
}
