/**
 * The three environments that already exist in the sandbox's accounts when it starts: the
 * DPJ project's dev, staging and production, as a bank's accounts would hold them. This is
 * the sandbox's own record of what is deployed, not the product's presets: if the product's
 * presets change, these accounts do not.
 */
import type { SeededInsight } from '../services/eks/eksStore';
import type { AutoscalerHistory } from '../services/kubernetes/clusterAutoscaler';

export interface SeedNodeGroup {
  name: string;
  instanceTypes: string[];
  capacityType: 'ON_DEMAND' | 'SPOT';
  minSize: number;
  desiredSize: number;
  maxSize: number;
  diskSizeGiB: number;
  labels: Record<string, string>;
  taints: {
    key: string;
    value?: string;
    effect: 'NO_SCHEDULE' | 'NO_EXECUTE' | 'PREFER_NO_SCHEDULE';
  }[];
}

export interface SeedEnvironment {
  name: string;
  clusterName: string;
  account: string;
  region: string;
  availabilityZones: string[];
  kubernetesVersion: string;
  network: {
    vpcCidr: string;
    publicSubnetCidrs: string[];
    privateSubnetCidrs: string[];
    natGateways: 'single' | 'one-per-az';
  };
  endpointAccess: {
    private: boolean;
    public: boolean;
    publicAccessCidrs: string[];
  };
  nodeGroups: SeedNodeGroup[];
  /** The node groups' updateConfig, as the environment's preset created them. */
  nodeUpdateConfig?: {
    maxUnavailable?: number;
    maxUnavailablePercentage?: number;
  };
  tags: Record<string, string>;
  /**
   * What runs on the cluster and made AWS resources through its controllers: the DPJ
   * web front's Ingress (an internet-facing ALB) and the volume claims of Prometheus and
   * of the DPJ database.
   */
  workloads?: {
    ingresses: {
      namespace: string;
      name: string;
      scheme: 'internet-facing' | 'internal';
      serviceName: string;
      servicePort: number;
    }[];
    volumeClaims: { namespace: string; name: string; sizeGiB: number }[];
  };
  /** EKS upgrade insights of the cluster; absent: one passing check of the next version. */
  insights?: SeededInsight[];
  /** What the Cluster Autoscaler running on the cluster did lately; absent: none runs. */
  autoscaler?: AutoscalerHistory;
}

type Sizes = [min: number, desired: number, max: number];

function nodeGroups(
  system: Sizes,
  onDemand: Sizes,
  spot: Sizes,
): SeedNodeGroup[] {
  const sized = ([minSize, desiredSize, maxSize]: Sizes) => ({
    minSize,
    desiredSize,
    maxSize,
    diskSizeGiB: 50,
  });
  const appTypes = ['c5.xlarge', 'c5a.xlarge', 'c6i.xlarge'];
  return [
    {
      name: 'system',
      instanceTypes: ['t3.large', 't3a.large'],
      capacityType: 'ON_DEMAND',
      ...sized(system),
      labels: { role: 'system' },
      taints: [
        { key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' },
      ],
    },
    {
      name: 'app-on-demand',
      instanceTypes: appTypes,
      capacityType: 'ON_DEMAND',
      ...sized(onDemand),
      labels: { role: 'application', capacity: 'on-demand' },
      taints: [],
    },
    {
      name: 'app-spot',
      instanceTypes: [...appTypes, 'c5d.xlarge'],
      capacityType: 'SPOT',
      ...sized(spot),
      labels: { role: 'application', capacity: 'spot' },
      taints: [{ key: 'capacity', value: 'spot', effect: 'NO_SCHEDULE' }],
    },
  ];
}

function environment(input: {
  short: string;
  environment: string;
  account: string;
  secondOctet: number;
  natGateways: 'single' | 'one-per-az';
  publicEndpointCidrs?: string[];
  nodeGroups: SeedNodeGroup[];
  autoscaler?: AutoscalerHistory;
  insights?: SeededInsight[];
}): SeedEnvironment {
  const net = `10.${input.secondOctet}`;
  const name = `dpj-${input.short}`;
  return {
    name,
    clusterName: `${name}-cluster`,
    account: input.account,
    region: 'eu-west-3',
    availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'],
    kubernetesVersion: '1.35',
    network: {
      vpcCidr: `${net}.0.0/16`,
      publicSubnetCidrs: [0, 1, 2].map(i => `${net}.${i}.0/24`),
      privateSubnetCidrs: [32, 64, 96].map(i => `${net}.${i}.0/19`),
      natGateways: input.natGateways,
    },
    endpointAccess: {
      private: true,
      public: input.publicEndpointCidrs !== undefined,
      publicAccessCidrs: input.publicEndpointCidrs ?? [],
    },
    nodeGroups: input.nodeGroups,
    // dev rolls half its nodes at a time, staging a third, production one.
    nodeUpdateConfig: {
      dev: { maxUnavailablePercentage: 50 },
      staging: { maxUnavailablePercentage: 33 },
    }[input.environment] ?? { maxUnavailable: 1 },
    autoscaler: input.autoscaler ?? {},
    ...(input.insights ? { insights: input.insights } : {}),
    workloads: {
      ingresses: [
        {
          namespace: 'dpj',
          name: 'dpj-web',
          scheme: 'internet-facing',
          serviceName: 'dpj-web',
          servicePort: 8080,
        },
      ],
      volumeClaims: [
        {
          namespace: 'monitoring',
          name: 'prometheus-db-prometheus-0',
          sizeGiB: 50,
        },
        { namespace: 'dpj', name: 'data-dpj-postgres-0', sizeGiB: 20 },
      ],
    },
    tags: {
      environment: input.environment,
      project: 'dpj',
      'cost-center': 'dpj-platform',
      owner: 'group:default/platform-team',
    },
  };
}

export const DPJ_ENVIRONMENTS = {
  dev: environment({
    short: 'dev',
    environment: 'dev',
    account: '111111111111',
    secondOctet: 10,
    natGateways: 'single',
    publicEndpointCidrs: ['203.0.113.0/24'],
    nodeGroups: nodeGroups([2, 2, 3], [1, 1, 3], [0, 1, 6]),
    insights: [
      {
        id: 'e5f6a7b8-dev-kubelet-skew-1-36',
        name: 'Kubelet version skew',
        status: 'WARNING',
        reason:
          'Node kubelet versions are one minor version behind the control plane.',
        description:
          'Checks for worker nodes whose kubelet version would fall outside the supported skew after the control plane is upgraded to v1.36.',
        recommendation:
          'Upgrade the node groups right after the control plane, before the next upgrade.',
        kubernetesVersion: '1.36',
      },
    ],
  }),
  staging: environment({
    short: 'staging',
    environment: 'staging',
    account: '222222222222',
    secondOctet: 20,
    natGateways: 'one-per-az',
    nodeGroups: nodeGroups([2, 2, 4], [2, 2, 6], [0, 2, 8]),
    // A fixture of a blocking finding. EKS reports Kubernetes' own APIs; the API here is
    // the DPJ's, so that the fixture claims nothing about Kubernetes' removal schedule.
    insights: [
      {
        id: 'a1b2c3d4-staging-deprecated-apis-1-36',
        name: 'Deprecated APIs removed in Kubernetes v1.36',
        status: 'ERROR',
        reason:
          'Deprecated API usage detected within the last 30 days and your cluster is on Kubernetes v1.35.',
        description:
          'Checks for usage of deprecated APIs that are scheduled for removal in Kubernetes v1.36. Upgrading your cluster before migrating to the updated APIs supported by v1.36 could cause application impact.',
        recommendation:
          'Update manifests and API clients to use newer Kubernetes APIs if applicable before upgrading to Kubernetes v1.36.',
        kubernetesVersion: '1.36',
        deprecationDetails: [
          {
            usage: '/apis/dpj.example/v1beta1/ledgersnapshots',
            replacedWith: '/apis/dpj.example/v1/ledgersnapshots',
            stopServingVersion: '1.36',
            startServingReplacementVersion: '1.33',
            clientStats: [
              {
                userAgent: 'dpj-ledger-exporter/2.3.1',
                numberOfRequestsLast30Days: 4312,
                lastRequestTime: new Date('2026-11-30T09:12:00Z'),
              },
            ],
          },
        ],
      },
    ],
    // A load test's workers wait for the Spot node the autoscaler asked for.
    autoscaler: {
      scaleUp: {
        nodeGroup: 'app-spot',
        fromNodes: 2,
        toNodes: 3,
        minutesAgo: 4,
        inProgress: true,
      },
      pendingPods: {
        namespace: 'dpj',
        app: 'dpj-worker',
        count: 2,
        cpuMillis: 250,
        memoryMi: 512,
        minutesAgo: 5,
      },
    },
  }),
  production: environment({
    short: 'prod',
    environment: 'production',
    account: '333333333333',
    secondOctet: 30,
    natGateways: 'one-per-az',
    nodeGroups: nodeGroups([3, 3, 6], [3, 3, 10], [0, 3, 10]),
    autoscaler: {
      scaleDown: {
        node: 'ip-10-30-70-12.eu-west-3.compute.internal',
        minutesAgo: 35,
      },
    },
  }),
} satisfies Record<string, SeedEnvironment>;

/**
 * Flow log destinations the bank's landing zone provides before any environment exists:
 * log archive buckets (S3 names are global) and a log group in each DPJ account's Paris
 * region. The environment template's default destination is the first bucket.
 */
export const LANDING_ZONE = {
  flowLogBuckets: [
    'dpj-vpc-flow-logs',
    'dpj-flow-logs',
    'dpj-dev-flow-logs',
    ...Object.values(DPJ_ENVIRONMENTS).map(e => `dpj-flow-logs-${e.account}`),
  ],
  flowLogGroups: ['/dpj/vpc-flow-logs'],
};
