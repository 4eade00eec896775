/**
 * ADR-0007's configuration taken literally must be refused, at the fields of
 * its four mistakes, before anything is created.
 */
import { kubernetesVersionsSupportedOn } from '../kubernetes/versions';
import { withField } from './testing/specFixtures';
import { validateEnvironmentSpec } from './validate';

const ADR_0007_AS_WRITTEN = {
  name: 'dpj-prod', // Cluster: dpj-prod-cluster
  environment: 'production',
  owner: 'group:default/platform-team',
  costCenter: 'dpj-platform',
  account: '333333333333',
  region: 'eu-west-1', // "eu-west-1 (Paris)"
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  kubernetesVersion: '1.28',
  network: {
    vpcCidr: '10.0.0.0/16',
    publicSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24'],
    privateSubnetCidrs: ['10.0.10.0/24', '10.0.20.0/24', '10.0.30.0/24'],
    natGateways: 'one-per-az',
  },
  endpointAccess: { private: true, public: false, publicAccessCidrs: [] },
  nodeGroups: [
    {
      name: 'system-nodes',
      role: 'system',
      instanceTypes: ['t3.medium', 't3.large'],
      capacityType: 'ON_DEMAND',
      minSize: 3,
      desiredSize: 3,
      maxSize: 6,
      diskSizeGiB: 50,
      labels: {},
      taints: [],
    },
    {
      name: 'app-nodes',
      role: 'application',
      instanceTypes: ['c5.large', 'c5.xlarge', 'm5.large'],
      capacityType: 'MIXED', // "Auto Scaling Groups avec instances mixtes"
      minSize: 3,
      desiredSize: 6,
      maxSize: 20,
      diskSizeGiB: 50,
      labels: {},
      taints: [],
    },
  ],
  tags: {
    environment: 'production',
    project: 'dpj',
    'cost-center': 'dpj-platform',
  },
  gitops: {
    repoUrl: 'https://git.dpj.example/platform/dpj-gitops.git',
    branch: 'main',
    path: 'clusters/dpj-prod',
  },
  rollbackOnFailure: false,
};

/** What EKS reported as supported on the day the ADR was checked. */
const SUPPORTED = kubernetesVersionsSupportedOn(
  new Date('2026-11-26T00:00:00Z'),
);

describe('ADR-0007 as written', () => {
  const problems = validateEnvironmentSpec(ADR_0007_AS_WRITTEN, {
    supportedKubernetesVersions: SUPPORTED,
  });
  const at = (path: string) => problems.filter(p => p.path === path);

  it('is refused at exactly the fields of its mistakes', () => {
    expect(problems.map(p => `${p.path} ${p.rule}`)).toEqual([
      'nodeGroups[1].capacityType capacity-type',
      'kubernetesVersion kubernetes-version-supported',
      'nodeGroups[0].instanceTypes[1] instance-types-shape',
      'nodeGroups[1].instanceTypes[1] instance-types-shape',
      'nodeGroups[1].instanceTypes[2] instance-types-shape',
      'network.privateSubnetCidrs[0] ip-capacity',
      'network.privateSubnetCidrs[1] ip-capacity',
      'network.privateSubnetCidrs[2] ip-capacity',
    ]);
  });

  it('refuses Kubernetes 1.28 and names the supported versions', () => {
    expect(at('kubernetesVersion')[0]?.message).toBe(
      'Kubernetes 1.28 is not supported by EKS; supported versions: 1.34, 1.35',
    );
  });

  it('refuses mixing t3.medium (2 vCPU/4 GiB) with t3.large (2 vCPU/8 GiB)', () => {
    expect(at('nodeGroups[0].instanceTypes[1]')[0]?.message).toContain(
      't3.large (2 vCPU, 8 GiB) differs from t3.medium (2 vCPU, 4 GiB)',
    );
  });

  it('asks to split on-demand and Spot into separate groups', () => {
    expect(at('nodeGroups[1].capacityType')[0]?.message).toContain(
      'split it into an ON_DEMAND group and a SPOT group',
    );
  });

  it('says where the /24 private subnets run out', () => {
    // system-nodes: ceil(6/3) = 2 nodes × 36 (t3.large) = 72
    // app-nodes:    ceil(20/3) = 7 nodes × 60 (c5.xlarge) = 420 > 251 on its own
    // 492 addresses needed; floor(251 / 60) = 4 c5.xlarge nodes fit; 492 fits in a /23 (507)
    expect(at('network.privateSubnetCidrs[0]')[0]?.message).toBe(
      'private subnet 10.0.10.0/24 in eu-west-1a has 251 usable addresses; ' +
        'at 60 addresses per c5.xlarge node it runs out at 4 nodes per AZ, ' +
        'but node groups may place up to 9 (492 addresses) — use a /23 or larger',
    );
  });

  it('cannot tell that eu-west-1 is not Paris, but refuses Paris zones in it', () => {
    // eu-west-1 with its own zones is a valid (Irish) placement; the presets use eu-west-3.
    expect(at('region')).toEqual([]);
    const parisZonesInIreland = withField(
      ADR_0007_AS_WRITTEN,
      'availabilityZones',
      ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'],
    );
    const zoneProblems = validateEnvironmentSpec(parisZonesInIreland).filter(
      p => p.rule === 'az-in-region',
    );
    expect(zoneProblems.map(p => p.path)).toEqual([
      'availabilityZones[0]',
      'availabilityZones[1]',
      'availabilityZones[2]',
    ]);
  });
});
