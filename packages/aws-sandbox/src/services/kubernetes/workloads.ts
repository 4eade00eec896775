/**
 * What runs on an EKS cluster of the DPJ platform: the DaemonSets of the default add-ons
 * on every node, the cluster add-ons on the system nodes, and the DPJ application
 * Deployments, whose requests grow from dev to production. Requests of the add-ons are
 * the defaults of their EKS add-on manifests.
 */
import type { TrafficEnvironment } from '../prometheus/trafficModel';

export interface ContainerSpec {
  name: string;
  image: string;
  cpuMillis?: number;
  memoryMi?: number;
  memoryLimitMi?: number;
}

export interface Workload {
  name: string;
  namespace: string;
  kind: 'DaemonSet' | 'Deployment';
  containers: ContainerSpec[];
  labels: Record<string, string>;
  hostNetwork?: boolean;
  priorityClassName?: string;
  /** Taint keys the pods tolerate; '*' tolerates every taint (DaemonSets of add-ons). */
  tolerates: string[];
  /** Deployments of add-ons: replicas on the system nodes. */
  replicas?: number;
  /** The EKS add-on that installs it: it runs only while that add-on does. */
  addon?: string;
}

const EKS_REGISTRY = (region: string) =>
  `602401143452.dkr.ecr.${region}.amazonaws.com`;

export function daemonSets(region: string): Workload[] {
  const registry = EKS_REGISTRY(region);
  const system = (name: string, labels: Record<string, string>) => ({
    name,
    namespace: 'kube-system',
    kind: 'DaemonSet' as const,
    labels,
    priorityClassName: 'system-node-critical',
    tolerates: ['*'],
  });
  return [
    {
      addon: 'vpc-cni',
      ...system('aws-node', { 'k8s-app': 'aws-node' }),
      hostNetwork: true,
      containers: [
        {
          name: 'aws-node',
          image: `${registry}/amazon-k8s-cni:v1.19.2-eksbuild.1`,
          cpuMillis: 25,
        },
        {
          name: 'aws-eks-nodeagent',
          image: `${registry}/amazon/aws-network-policy-agent:v1.1.6-eksbuild.1`,
          cpuMillis: 25,
        },
      ],
    },
    {
      addon: 'kube-proxy',
      ...system('kube-proxy', { 'k8s-app': 'kube-proxy' }),
      hostNetwork: true,
      containers: [
        {
          name: 'kube-proxy',
          image: `${registry}/eks/kube-proxy:v1.31.3-minimal-eksbuild.2`,
          cpuMillis: 100,
        },
      ],
    },
    {
      addon: 'eks-pod-identity-agent',
      ...system('eks-pod-identity-agent', {
        'app.kubernetes.io/name': 'eks-pod-identity-agent',
      }),
      hostNetwork: true,
      containers: [
        {
          name: 'eks-pod-identity-agent',
          image: `${registry}/eks/eks-pod-identity-agent:0.1.17`,
        },
      ],
    },
    {
      addon: 'aws-ebs-csi-driver',
      ...system('ebs-csi-node', { app: 'ebs-csi-node' }),
      containers: ['ebs-plugin', 'node-driver-registrar', 'liveness-probe'].map(
        name => ({
          name,
          image: `public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.38.1`,
          cpuMillis: 10,
          memoryMi: 40,
        }),
      ),
    },
  ];
}

export function clusterAddons(region: string): Workload[] {
  const registry = EKS_REGISTRY(region);
  const addon = (name: string, labels: Record<string, string>) => ({
    name,
    namespace: 'kube-system',
    kind: 'Deployment' as const,
    labels,
    priorityClassName: 'system-cluster-critical',
    tolerates: ['CriticalAddonsOnly'],
    replicas: 2,
  });
  return [
    {
      addon: 'coredns',
      ...addon('coredns', {
        'k8s-app': 'kube-dns',
        'eks.amazonaws.com/component': 'coredns',
      }),
      containers: [
        {
          name: 'coredns',
          image: `${registry}/eks/coredns:v1.11.4-eksbuild.2`,
          cpuMillis: 100,
          memoryMi: 70,
          memoryLimitMi: 170,
        },
      ],
    },
    {
      addon: 'aws-ebs-csi-driver',
      ...addon('ebs-csi-controller', { app: 'ebs-csi-controller' }),
      containers: [
        'ebs-plugin',
        'csi-provisioner',
        'csi-attacher',
        'csi-snapshotter',
        'csi-resizer',
        'liveness-probe',
      ].map(name => ({
        name,
        image: 'public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.38.1',
        cpuMillis: 10,
        memoryMi: 40,
      })),
    },
    {
      addon: 'metrics-server',
      ...addon('metrics-server', { 'k8s-app': 'metrics-server' }),
      replicas: 1,
      containers: [
        {
          name: 'metrics-server',
          image: 'registry.k8s.io/metrics-server/metrics-server:v0.7.2',
          cpuMillis: 100,
          memoryMi: 200,
        },
      ],
    },
  ];
}

type Size = [cpuMillis: number, memoryMi: number];

/** Requests of dpj-api, dpj-web and dpj-worker per environment. */
const APPLICATION_SIZES: Record<TrafficEnvironment, [Size, Size, Size]> = {
  production: [
    [500, 1024],
    [250, 512],
    [500, 1024],
  ],
  staging: [
    [250, 512],
    [200, 384],
    [250, 512],
  ],
  dev: [
    [250, 384],
    [100, 256],
    [200, 384],
  ],
  other: [
    [250, 384],
    [100, 256],
    [200, 384],
  ],
};

/**
 * The DPJ Deployments. dpj-api keeps state in flight and stays on on-demand nodes;
 * dpj-web and dpj-worker survive a Spot interruption and tolerate the capacity=spot taint.
 */
export function applications(
  environment: TrafficEnvironment,
  accountId: string,
  region: string,
): Workload[] {
  const sizes = APPLICATION_SIZES[environment];
  return ['dpj-api', 'dpj-web', 'dpj-worker'].map((name, index) => ({
    name,
    namespace: 'dpj',
    kind: 'Deployment',
    labels: {
      app: name,
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/part-of': 'dpj',
      'backstage.io/kubernetes-id': name,
    },
    tolerates: name === 'dpj-api' ? [] : ['capacity'],
    containers: [
      {
        name,
        image: `${accountId}.dkr.ecr.${region}.amazonaws.com/dpj/${name}:2.4.1`,
        cpuMillis: sizes[index][0],
        memoryMi: sizes[index][1],
        memoryLimitMi: sizes[index][1],
      },
    ],
  }));
}

export function requestsOf(workload: Workload): Size {
  return workload.containers.reduce<Size>(
    ([cpu, memory], container) => [
      cpu + (container.cpuMillis ?? 0),
      memory + (container.memoryMi ?? 0),
    ],
    [0, 0],
  );
}
