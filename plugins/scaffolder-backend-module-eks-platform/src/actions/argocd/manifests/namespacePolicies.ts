/**
 * Default-deny NetworkPolicies of the application namespaces (those whose charts come from
 * the GitOps repository), enforced by the VPC CNI's network policy agent: nothing enters
 * or leaves a pod unless a policy allows it. Allowed:
 * - DNS: egress to CoreDNS (`kube-system`, `k8s-app: kube-dns`) on UDP and TCP 53;
 * - the namespace's own traffic, both ways;
 * - the load balancer: an internet-facing ALB in IP target mode reaches the pods from its
 *   interfaces in the public subnets, so ingress from those CIDRs;
 * - Prometheus scraping the namespace's metrics from the monitoring namespace.
 * Anything else an application needs (its database, AWS APIs) is the application team's
 * policy to add next to its chart. ("Restrict Pod network traffic with Kubernetes network
 * policies", EKS User Guide; Kubernetes "Network Policies", default deny all.)
 */
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import {
  API_VERSION,
  applicationName,
  COMPONENT_LABEL,
  RESOURCES_FINALIZER,
  RETRY,
  SYNC_WAVE_ANNOTATION,
} from './argoCdNames';
import { automatedOf, type Settings } from './componentApplication';
import { PLATFORM_COMPONENTS } from './platformComponents';

type Policy = Record<string, any>;

const MONITORING_NAMESPACE =
  PLATFORM_COMPONENTS.find(c => c.id === 'kube-prometheus-stack')?.namespace ??
  'monitoring';

/** Namespaces of the application charts (the GitOps repository's), which get the policies. */
export function applicationNamespaces(): string[] {
  return [
    ...new Set(
      PLATFORM_COMPONENTS.filter(c => c.source.type === 'gitops').map(
        c => c.namespace,
      ),
    ),
  ].sort();
}

function policy(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  spec: Policy,
): Policy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace, labels },
    spec: { podSelector: {}, ...spec },
  };
}

const namespaceSelector = (name: string) => ({
  matchLabels: { 'kubernetes.io/metadata.name': name },
});

/** The policies of one application namespace, default deny first. */
export function namespacePolicies(
  spec: EnvironmentSpec,
  namespace: string,
  labels: Record<string, string>,
): Policy[] {
  const at = (name: string, body: Policy) =>
    policy(namespace, name, labels, body);
  return [
    at('default-deny-all', { policyTypes: ['Ingress', 'Egress'] }),
    at('allow-dns', {
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: namespaceSelector('kube-system'),
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    }),
    at('allow-same-namespace', {
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
    at('allow-load-balancer', {
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: spec.network.publicSubnetCidrs.map(cidr => ({
            ipBlock: { cidr },
          })),
        },
      ],
    }),
    at('allow-prometheus-scrape', {
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [
            {
              namespaceSelector: namespaceSelector(MONITORING_NAMESPACE),
              podSelector: {
                matchLabels: { 'app.kubernetes.io/name': 'prometheus' },
              },
            },
          ],
        },
      ],
    }),
  ];
}

/** The component id of the Application that syncs the policies. */
export const NAMESPACE_POLICIES = 'namespace-policies';

/**
 * The Application that syncs the policies from the environment's folder of the GitOps
 * repository. The root application creates it in the wave after the applications' (ArgoCD
 * does not wait for a child application's health, so it may sync first: it creates the
 * namespace itself if it does not exist yet).
 */
export function namespacePoliciesApplication(
  settings: Settings,
  folder: string,
): Record<string, any> {
  const { spec } = settings;
  return {
    apiVersion: API_VERSION,
    kind: 'Application',
    metadata: {
      name: applicationName(spec, NAMESPACE_POLICIES),
      namespace: settings.argocdNamespace,
      labels: { ...settings.labels, [COMPONENT_LABEL]: NAMESPACE_POLICIES },
      annotations: { [SYNC_WAVE_ANNOTATION]: '1' },
      finalizers: [RESOURCES_FINALIZER],
    },
    spec: {
      project: spec.name,
      source: {
        repoURL: settings.repoUrl,
        targetRevision: settings.targetRevision,
        path: folder,
        directory: { recurse: false },
      },
      destination: {
        server: settings.server,
        namespace: applicationNamespaces()[0],
      },
      syncPolicy: {
        ...automatedOf(settings.syncPolicy),
        syncOptions: ['CreateNamespace=true'],
        retry: RETRY,
      },
    },
  };
}
