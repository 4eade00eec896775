/**
 * Starting points of the "New EKS environment" template, derived from
 * ADR-0007 with its four mistakes corrected (each marked "ADR-0007 said").
 *
 * Address plan, identical in every environment but for the second octet
 * (dev 10.10, staging 10.20, production 10.30) so the VPCs never overlap and
 * can be peered later:
 *   10.X.0.0/24 - 10.X.2.0/24     public subnets (load balancers, NAT gateways)
 *   10.X.32.0/19 - 10.X.96.0/19   private subnets (nodes and pods), 8187 usable addresses each
 *   10.X.128.0/17                 free for later (databases, endpoints)
 */
import { DEFAULT_REGION } from '../aws/regions';
import { DEFAULT_KUBERNETES_VERSION } from '../kubernetes/versions';
import type {
  CapacityType,
  EnvironmentName,
  EnvironmentSpec,
  NetworkSpec,
  NodeGroupSpec,
} from './types';

const PROJECT = 'dpj';
const OWNER = 'group:default/platform-team';
const COST_CENTER = 'dpj-platform';
const GITOPS_REPO_URL = 'https://git.dpj.example/platform/dpj-gitops.git';

/** ADR-0007 said "eu-west-1 (Paris)": eu-west-1 is Ireland, Paris is eu-west-3. */
const AVAILABILITY_ZONES = ['a', 'b', 'c'].map(
  suffix => `${DEFAULT_REGION}${suffix}`,
);

/**
 * ADR-0007 said private subnets 10.0.10.0/24, 10.0.20.0/24 and 10.0.30.0/24:
 * 251 usable addresses each, while its 20 app nodes (7 per zone) at 60
 * addresses per c5.xlarge need 420. A /19 holds 8187.
 */
function addressPlan(
  secondOctet: number,
  natGateways: NetworkSpec['natGateways'],
): NetworkSpec {
  const block = (third: number, prefix: number) =>
    `10.${secondOctet}.${third}.0/${prefix}`;
  return {
    vpcCidr: block(0, 16),
    publicSubnetCidrs: [block(0, 24), block(1, 24), block(2, 24)],
    privateSubnetCidrs: [block(32, 19), block(64, 19), block(96, 19)],
    natGateways,
  };
}

interface GroupSizes {
  minSize: number;
  desiredSize: number;
  maxSize: number;
}

const DISK_SIZE_GIB = 50;

/**
 * ADR-0007 said system-nodes [t3.medium, t3.large]: 2 vCPU/4 GiB and 2 vCPU/8 GiB
 * mixed in one group, which the cluster autoscaler cannot size. Both types
 * here are 2 vCPU/8 GiB. The CriticalAddonsOnly taint keeps application pods
 * off; CoreDNS and the other EKS add-ons tolerate it.
 */
function systemNodeGroup(sizes: GroupSizes): NodeGroupSpec {
  return {
    name: 'system',
    role: 'system',
    instanceTypes: ['t3.large', 't3a.large'],
    capacityType: 'ON_DEMAND',
    ...sizes,
    diskSizeGiB: DISK_SIZE_GIB,
    labels: { role: 'system' },
    taints: [
      { key: 'CriticalAddonsOnly', value: 'true', effect: 'NO_SCHEDULE' },
    ],
  };
}

/**
 * ADR-0007 said one app-nodes group of [c5.large, c5.xlarge, m5.large] with
 * "instances mixtes". One managed node group is all on-demand or all Spot,
 * and its types must share a shape, so the applications get two groups of
 * 4 vCPU/8 GiB types. The Spot group carries a NO_SCHEDULE taint: only
 * workloads that declare they survive a two-minute Spot interruption
 * (a toleration for capacity=spot) land there, the rest stays on-demand.
 */
function applicationNodeGroup(
  capacityType: CapacityType,
  sizes: GroupSizes,
): NodeGroupSpec {
  const spot = capacityType === 'SPOT';
  return {
    name: spot ? 'app-spot' : 'app-on-demand',
    role: 'application',
    // Spot draws from more pools (c5d) to lower the chance of running out of capacity.
    instanceTypes: spot
      ? ['c5.xlarge', 'c5a.xlarge', 'c6i.xlarge', 'c5d.xlarge']
      : ['c5.xlarge', 'c5a.xlarge', 'c6i.xlarge'],
    capacityType,
    ...sizes,
    diskSizeGiB: DISK_SIZE_GIB,
    labels: { role: 'application', capacity: spot ? 'spot' : 'on-demand' },
    taints: spot
      ? [{ key: 'capacity', value: 'spot', effect: 'NO_SCHEDULE' }]
      : [],
  };
}

function tagsFor(environment: EnvironmentName): Record<string, string> {
  return {
    environment,
    project: PROJECT,
    'cost-center': COST_CENTER,
    owner: OWNER,
  };
}

function gitopsFor(name: string): EnvironmentSpec['gitops'] {
  return { repoUrl: GITOPS_REPO_URL, branch: 'main', path: `clusters/${name}` };
}

const common = {
  owner: OWNER,
  costCenter: COST_CENTER,
  region: DEFAULT_REGION,
  availabilityZones: AVAILABILITY_ZONES,
  // ADR-0007 said 1.28, out of standard and extended support.
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
};

/** Read-only reference presets; use presetFor() for a copy to edit. */
export const ENVIRONMENT_PRESETS: Readonly<
  Record<EnvironmentName, EnvironmentSpec>
> = {
  dev: {
    ...common,
    name: 'dpj-dev',
    environment: 'dev',
    // Account ids match the cluster entities of catalog-info.yaml; the form sets the real one.
    account: '111111111111',
    // One NAT gateway: losing its zone's egress is acceptable in dev and saves two gateways.
    network: addressPlan(10, 'single'),
    // 203.0.113.0/24 is the RFC 5737 documentation range: replace it with the office or VPN range.
    endpointAccess: {
      private: true,
      public: true,
      publicAccessCidrs: ['203.0.113.0/24'],
    },
    nodeGroups: [
      systemNodeGroup({ minSize: 2, desiredSize: 2, maxSize: 3 }),
      applicationNodeGroup('ON_DEMAND', {
        minSize: 1,
        desiredSize: 1,
        maxSize: 3,
      }),
      applicationNodeGroup('SPOT', { minSize: 0, desiredSize: 1, maxSize: 6 }),
    ],
    tags: tagsFor('dev'),
    gitops: gitopsFor('dpj-dev'),
    rollbackOnFailure: true,
  },
  staging: {
    ...common,
    name: 'dpj-staging',
    environment: 'staging',
    account: '222222222222',
    // Staging rehearses production, zone failures included.
    network: addressPlan(20, 'one-per-az'),
    endpointAccess: { private: true, public: false, publicAccessCidrs: [] },
    nodeGroups: [
      systemNodeGroup({ minSize: 2, desiredSize: 2, maxSize: 4 }),
      applicationNodeGroup('ON_DEMAND', {
        minSize: 2,
        desiredSize: 2,
        maxSize: 6,
      }),
      applicationNodeGroup('SPOT', { minSize: 0, desiredSize: 2, maxSize: 8 }),
    ],
    tags: tagsFor('staging'),
    gitops: gitopsFor('dpj-staging'),
    rollbackOnFailure: true,
  },
  production: {
    ...common,
    name: 'dpj-prod',
    environment: 'production',
    account: '333333333333',
    network: addressPlan(30, 'one-per-az'),
    endpointAccess: { private: true, public: false, publicAccessCidrs: [] },
    // ADR-0007's system-nodes 3/3/6 is kept; its app-nodes min 3 / desired 6 /
    // max 20 is shared by the two application groups (3+0, 3+3, 10+10).
    nodeGroups: [
      systemNodeGroup({ minSize: 3, desiredSize: 3, maxSize: 6 }),
      applicationNodeGroup('ON_DEMAND', {
        minSize: 3,
        desiredSize: 3,
        maxSize: 10,
      }),
      applicationNodeGroup('SPOT', { minSize: 0, desiredSize: 3, maxSize: 10 }),
    ],
    tags: tagsFor('production'),
    gitops: gitopsFor('dpj-prod'),
    // A half-built production environment is kept so a retried task resumes from its checkpoints.
    rollbackOnFailure: false,
  },
};

/** How many of a node group's nodes EKS may replace at once during a rolling update. */
export interface NodeUpdateConfig {
  maxUnavailable?: number;
  maxUnavailablePercentage?: number;
}

/**
 * Per preset, the node groups' `updateConfig`: dev rolls half its nodes at a time (an
 * upgrade in minutes, a short dip is acceptable), staging a third (as production's share
 * of capacity at risk, faster), production one node at a time so the PodDisruptionBudgets
 * and the remaining capacity carry the load (EKS User Guide, "Understand each phase of
 * node updates": maxUnavailable defaults to one, at most 100).
 */
export const NODE_UPDATE_CONFIG: Readonly<
  Record<EnvironmentName, NodeUpdateConfig>
> = {
  dev: { maxUnavailablePercentage: 50 },
  staging: { maxUnavailablePercentage: 33 },
  production: { maxUnavailable: 1 },
};

/** A fresh, editable copy of a preset with top-level fields replaced by `overrides`. */
export function presetFor(
  environment: EnvironmentName,
  overrides: Partial<EnvironmentSpec> = {},
): EnvironmentSpec {
  return structuredClone({ ...ENVIRONMENT_PRESETS[environment], ...overrides });
}
