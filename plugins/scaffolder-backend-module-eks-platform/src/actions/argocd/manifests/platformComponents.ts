/**
 * The platform components ADR-0007 lists (metrics and dashboards, tracing, log
 * shipping, the ALB ingress controller, the DPJ applications), one ArgoCD Application
 * each, with pinned chart versions and per-environment values.
 *
 * Chart versions are exact releases, never ranges: an upgrade is a reviewed change of
 * this table (a range would let a sync pick up a new chart unannounced). They were
 * chosen from known releases, not looked up in the chart repositories at build time.
 */
import { containerLogGroupName } from '@internal/plugin-eks-platform-common';
import type { Placement } from './scheduling';
import type {
  IgnoredDifference,
  PlatformComponent,
} from './platformComponentTypes';
import {
  prometheusResources,
  smallControllerResources,
  grafanaResources,
  nodeAgentResources,
  fluentBitResources,
  jaegerResources,
  albControllerResources,
  dpjResources,
  PROMETHEUS_RETENTION,
  PROMETHEUS_STORAGE,
  EBS_STORAGE_CLASS,
  JAEGER_MAX_TRACES,
  clusterAutoscalerResources,
  DPJ_MAX_REPLICAS,
  REPLICAS,
} from './componentSizing';

import { versionPinnedValues } from './kubernetesVersionPins';

export * from './platformComponentTypes';

/** The nodeSelector/tolerations pair as chart values (most charts use these two keys). */
function scheduled(placement: Placement): Record<string, unknown> {
  return { ...placement };
}

// Admission webhooks get their certificate from a job (kube-prometheus-stack) or from
// the chart's template functions (aws-load-balancer-controller) and then carry a
// caBundle Git does not know.
const WEBHOOK_CA_BUNDLES: IgnoredDifference[] = [
  {
    group: 'admissionregistration.k8s.io',
    kind: 'MutatingWebhookConfiguration',
    jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
  },
  {
    group: 'admissionregistration.k8s.io',
    kind: 'ValidatingWebhookConfiguration',
    jqPathExpressions: ['.webhooks[]?.clientConfig.caBundle'],
  },
];

/** Secret (keys admin-user, admin-password) Grafana's admin account reads; see the report. */
export const GRAFANA_ADMIN_SECRET = 'grafana-admin';

/** Ordered by sync wave: the ingress controller and the monitoring CRDs come first. */
export const PLATFORM_COMPONENTS: readonly PlatformComponent[] = [
  {
    id: 'aws-load-balancer-controller',
    description:
      'AWS Load Balancer Controller: ALBs for Ingresses, NLBs for LoadBalancer Services',
    source: {
      type: 'helm',
      repoUrl: 'https://aws.github.io/eks-charts',
      chart: 'aws-load-balancer-controller',
      version: '1.12.0',
    },
    namespace: 'kube-system',
    releaseName: 'aws-load-balancer-controller',
    syncWave: -3,
    serverSideApply: false,
    // No podSecurity: kube-system exists already and its labels are not this
    // application's to manage.
    ignoreDifferences: [
      ...WEBHOOK_CA_BUNDLES,
      // The chart generates the webhook certificate at every render (genCA).
      {
        kind: 'Secret',
        name: 'aws-load-balancer-tls',
        jsonPointers: ['/data'],
      },
    ],
    values: ({ spec, environment, clusterName, vpcId, scheduling }) => ({
      clusterName,
      region: spec.region,
      // Pods cannot reach instance metadata (IMDSv2, hop limit 1) to discover these.
      vpcId,
      replicaCount: REPLICAS[environment],
      resources: albControllerResources(environment),
      // A fixed name, for the EKS Pod Identity association granting its IAM policy.
      serviceAccount: { create: true, name: 'aws-load-balancer-controller' },
      ...scheduled(scheduling.system),
    }),
  },
  {
    id: 'cluster-autoscaler',
    description:
      "Cluster Autoscaler: adds nodes for Pending pods and removes idle ones, within each node group's min and max",
    source: {
      type: 'helm',
      repoUrl: 'https://kubernetes.github.io/autoscaler',
      chart: 'cluster-autoscaler',
      // appVersion 1.35.0; the image follows the cluster's version (kubernetesVersionPins.ts).
      version: '9.59.0',
    },
    namespace: 'kube-system',
    releaseName: 'cluster-autoscaler',
    syncWave: -3,
    serverSideApply: false,
    values: ({ spec, environment, clusterName, scheduling }) => {
      return {
        // The managed node groups' Auto Scaling groups, which EKS tags for discovery.
        autoDiscovery: { clusterName },
        awsRegion: spec.region,
        // The image of the cluster's minor version; an upgrade moves it.
        ...versionPinnedValues('cluster-autoscaler', spec.kubernetesVersion),
        // A fixed name, for the EKS Pod Identity association granting its IAM policy.
        rbac: { serviceAccount: { create: true, name: 'cluster-autoscaler' } },
        extraArgs: {
          // The preset's preferred group first, then the one that wastes least.
          expander: 'priority,least-waste',
          'balance-similar-node-groups': true,
          'scale-down-enabled': true,
          'skip-nodes-with-system-pods': false,
        },
        expanderPriorities: {
          10: ['.*'],
          50: [
            environment === 'production' ? '.*app-on-demand.*' : '.*app-spot.*',
          ],
        },
        resources: clusterAutoscalerResources(environment),
        ...scheduled(scheduling.system),
      };
    },
  },
  {
    id: 'kube-prometheus-stack',
    description:
      'Prometheus, Alertmanager and Grafana with the Prometheus Operator, kube-state-metrics and node-exporter',
    source: {
      type: 'helm',
      repoUrl: 'https://prometheus-community.github.io/helm-charts',
      chart: 'kube-prometheus-stack',
      version: '69.8.0',
    },
    namespace: 'monitoring',
    releaseName: 'kube-prometheus-stack',
    syncWave: -2,
    // The Prometheus and Alertmanager CRDs exceed the 256 KiB last-applied annotation.
    serverSideApply: true,
    // node-exporter uses the host network, PID namespace and filesystem.
    podSecurity: 'privileged',
    ignoreDifferences: WEBHOOK_CA_BUNDLES,
    values: ({ environment, scheduling }) => {
      const system = scheduled(scheduling.system);
      return {
        // EKS runs the control plane: there is no scheduler, controller manager or
        // etcd endpoint to scrape.
        kubeControllerManager: { enabled: false },
        kubeScheduler: { enabled: false },
        kubeEtcd: { enabled: false },
        prometheusOperator: {
          resources: smallControllerResources(environment),
          ...system,
          admissionWebhooks: { patch: { ...system } },
        },
        prometheus: {
          prometheusSpec: {
            replicas: REPLICAS[environment],
            retention: PROMETHEUS_RETENTION[environment],
            resources: prometheusResources(environment),
            // Samples survive a restart or a node replacement: one EBS volume per replica.
            storageSpec: {
              volumeClaimTemplate: {
                spec: {
                  storageClassName: EBS_STORAGE_CLASS,
                  accessModes: ['ReadWriteOnce'],
                  resources: {
                    requests: { storage: PROMETHEUS_STORAGE[environment] },
                  },
                },
              },
            },
            // Select the ServiceMonitors and rules of every release, the DPJ chart's too.
            serviceMonitorSelectorNilUsesHelmValues: false,
            podMonitorSelectorNilUsesHelmValues: false,
            ruleSelectorNilUsesHelmValues: false,
            ...system,
          },
        },
        alertmanager: {
          alertmanagerSpec: {
            replicas: REPLICAS[environment],
            resources: smallControllerResources(environment),
            ...system,
          },
        },
        grafana: {
          // One replica: without an external database each replica would keep its own
          // SQLite users and sessions.
          replicas: 1,
          resources: grafanaResources(environment),
          // Never the chart's default admin password; the secret is created out of Git.
          admin: {
            existingSecret: GRAFANA_ADMIN_SECRET,
            userKey: 'admin-user',
            passwordKey: 'admin-password',
          },
          ...system,
        },
        'kube-state-metrics': {
          resources: smallControllerResources(environment),
          ...system,
        },
        // A node agent: on every node, whatever its taints.
        'prometheus-node-exporter': {
          resources: nodeAgentResources(environment),
          ...scheduled(scheduling.everyNode),
        },
      };
    },
  },
  {
    id: 'fluent-bit',
    description:
      'Fluent Bit: ships container logs to CloudWatch Logs (ADR-0007 log aggregation)',
    source: {
      type: 'helm',
      repoUrl: 'https://fluent.github.io/helm-charts',
      chart: 'fluent-bit',
      version: '0.47.9',
    },
    namespace: 'logging',
    releaseName: 'fluent-bit',
    syncWave: -1,
    serverSideApply: false,
    // Reads /var/log of the node through hostPath volumes.
    podSecurity: 'privileged',
    values: ({ spec, environment, clusterName, scheduling }) => ({
      kind: 'DaemonSet',
      resources: fluentBitResources(environment),
      // A fixed name, for the EKS Pod Identity association granting CloudWatch Logs access.
      serviceAccount: { create: true, name: 'fluent-bit' },
      // A log shipper has to run on every node, application and Spot nodes included.
      ...scheduled(scheduling.everyNode),
      config: {
        outputs: [
          '[OUTPUT]',
          '    Name cloudwatch_logs',
          '    Match kube.*',
          `    region ${spec.region}`,
          // The cluster step made the group with the preset's retention; Fluent Bit's
          // role may only write into it.
          `    log_group_name ${containerLogGroupName(clusterName)}`,
          '    log_stream_prefix fluent-bit-',
          '    auto_create_group Off',
          '',
        ].join('\n'),
      },
    }),
  },
  {
    id: 'jaeger',
    description:
      'Jaeger all-in-one: collector, query UI and an in-memory trace store',
    source: {
      type: 'helm',
      repoUrl: 'https://jaegertracing.github.io/helm-charts',
      chart: 'jaeger',
      version: '3.4.1',
    },
    namespace: 'tracing',
    releaseName: 'jaeger',
    syncWave: -1,
    serverSideApply: false,
    podSecurity: 'baseline',
    values: ({ environment, scheduling }) => ({
      // The chart provisions Cassandra by default; traces stay in memory here until a
      // durable store (Elasticsearch/OpenSearch) is chosen. An in-memory store cannot
      // be shared, so all-in-one runs a single replica in every environment.
      provisionDataStore: {
        cassandra: false,
        elasticsearch: false,
        kafka: false,
      },
      storage: { type: 'memory' },
      allInOne: {
        enabled: true,
        args: [`--memory.max-traces=${JAEGER_MAX_TRACES[environment]}`],
        resources: jaegerResources(environment),
        ...scheduled(scheduling.system),
      },
      agent: { enabled: false },
      collector: { enabled: false },
      query: { enabled: false },
    }),
  },
  {
    id: 'dpj',
    description: 'DPJ application charts, from the GitOps repository',
    source: {
      type: 'gitops',
      path: 'charts/dpj',
      valueFiles: environment => [`values-${environment}.yaml`],
    },
    namespace: 'dpj',
    releaseName: 'dpj',
    syncWave: 0,
    serverSideApply: false,
    // The applications run as Kubernetes' restricted profile requires (the values below).
    podSecurity: 'restricted',
    // The keys of a `helm create` chart. These values take precedence over the value
    // files, which keep the application settings (images, features, endpoints).
    values: ({ environment, scheduling }) => ({
      replicaCount: REPLICAS[environment],
      // The HorizontalPodAutoscaler replaces replicaCount (metrics from metrics-server).
      autoscaling: {
        enabled: true,
        minReplicas: REPLICAS[environment],
        maxReplicas: DPJ_MAX_REPLICAS[environment],
        targetCPUUtilizationPercentage: 70,
      },
      podSecurityContext: {
        runAsNonRoot: true,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
      },
      resources: dpjResources(environment),
      // Spot capacity for dev and staging; production stays on on-demand nodes.
      ...scheduled(
        scheduling.application({ spot: environment !== 'production' }),
      ),
    }),
  },
];
