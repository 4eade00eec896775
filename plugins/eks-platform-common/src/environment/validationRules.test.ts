import { presetWith, REMOVE } from './testing/specFixtures';
import type { EnvironmentName } from './types';
import { validateEnvironmentSpec } from './validate';
import type { ValidationOptions } from './validation/options';
import { VALIDATION_RULE_IDS, ValidationRuleId } from './validation/problems';

interface Variant {
  base: EnvironmentName;
  changes: Record<string, unknown>;
  options?: ValidationOptions;
}

interface RuleCase {
  rule: ValidationRuleId;
  /** Valid input close to the failing one: it yields no problem at all. */
  passing: Variant;
  /** Yields a problem of this rule at `path` (other rules may fire too). */
  failing: Variant & { path: string; messageContains?: string };
}

const on = (
  base: EnvironmentName,
  changes: Record<string, unknown> = {},
  options?: ValidationOptions,
): Variant => ({ base, changes, options });
const fails = (variant: Variant, path: string, messageContains?: string) => ({
  ...variant,
  path,
  messageContains,
});

const range = (count: number) => Array.from({ length: count }, (_, i) => i);
const PARIS = ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'];
const DAY = new Date('2026-12-02T00:00:00Z');
const SUPPORTED = { supportedKubernetesVersions: ['1.35', '1.34', '1.33'] };
const manyTags = (count: number) =>
  Object.fromEntries(range(count).map(i => [`tag-${i}`, 'x']));
const manyTaints = (count: number) =>
  range(count).map(i => ({ key: `k${i}`, effect: 'NO_SCHEDULE' }));

const CASES: RuleCase[] = [
  {
    rule: 'required',
    passing: on('production', { 'nodeGroups[0].taints[0].value': REMOVE }),
    failing: fails(on('production', { network: REMOVE }), 'network'),
  },
  {
    rule: 'type',
    passing: on('production', { 'nodeGroups[1].maxSize': 9 }),
    failing: fails(
      on('production', { 'nodeGroups[1].maxSize': '9' }),
      'nodeGroups[1].maxSize',
      'whole number',
    ),
  },
  {
    rule: 'enum',
    passing: on('production', { environment: 'staging' }),
    failing: fails(
      on('production', { environment: 'prod' }),
      'environment',
      'dev, staging, production',
    ),
  },
  {
    rule: 'name-format',
    passing: on('production', { name: 'a-1' }),
    failing: fails(on('production', { name: 'dpj_prod' }), 'name'),
  },
  {
    rule: 'cluster-name-format',
    passing: on('production', { name: 'x'.repeat(40) }),
    failing: fails(
      on('production', { name: 'x'.repeat(95) }),
      'name',
      'x-cluster',
    ),
  },
  {
    rule: 'owner-ref',
    passing: on('production', { owner: 'group:sre' }),
    failing: fails(
      on('production', { owner: 'platform-team' }),
      'owner',
      'group:default/platform-team',
    ),
  },
  {
    rule: 'cost-center',
    passing: on('production', { costCenter: 'CC 1234/finance' }),
    failing: fails(on('production', { costCenter: 'cc#1' }), 'costCenter'),
  },
  {
    rule: 'account-id',
    passing: on('production', { account: '000000000001' }),
    failing: fails(
      on('production', { account: '12345' }),
      'account',
      '12-digit',
    ),
  },
  {
    rule: 'region-known',
    passing: on('production', {
      region: 'eu-west-1',
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    }),
    failing: fails(
      on('production', { region: 'eu-paris-1' }),
      'region',
      'eu-west-3',
    ),
  },
  {
    rule: 'az-in-region',
    passing: on('production', {
      region: 'us-east-1',
      availabilityZones: ['us-east-1d', 'us-east-1e', 'us-east-1f'],
    }),
    failing: fails(
      on('production', { 'availabilityZones[2]': 'eu-west-1c' }),
      'availabilityZones[2]',
      'eu-west-3a, eu-west-3b, eu-west-3c',
    ),
  },
  {
    rule: 'az-distinct',
    passing: on('production', {
      availabilityZones: ['eu-west-3c', 'eu-west-3b', 'eu-west-3a'],
    }),
    failing: fails(
      on('production', { 'availabilityZones[2]': 'eu-west-3a' }),
      'availabilityZones[2]',
    ),
  },
  {
    rule: 'az-count',
    passing: on('dev', {
      availabilityZones: PARIS.slice(0, 2),
      'network.publicSubnetCidrs': ['10.10.0.0/24', '10.10.1.0/24'],
      'network.privateSubnetCidrs': ['10.10.32.0/19', '10.10.64.0/19'],
    }),
    failing: fails(
      on('dev', {
        availabilityZones: PARIS.slice(0, 1),
        'network.publicSubnetCidrs': ['10.10.0.0/24'],
        'network.privateSubnetCidrs': ['10.10.32.0/19'],
      }),
      'availabilityZones',
      'at least 2',
    ),
  },
  {
    rule: 'az-count-production',
    passing: on('staging', {
      availabilityZones: PARIS.slice(0, 2),
      'network.publicSubnetCidrs': ['10.20.0.0/24', '10.20.1.0/24'],
      'network.privateSubnetCidrs': ['10.20.32.0/19', '10.20.64.0/19'],
    }),
    failing: fails(
      on('production', {
        availabilityZones: PARIS.slice(0, 2),
        'network.publicSubnetCidrs': ['10.30.0.0/24', '10.30.1.0/24'],
        'network.privateSubnetCidrs': ['10.30.32.0/19', '10.30.64.0/19'],
      }),
      'availabilityZones',
      'exactly 3',
    ),
  },
  {
    rule: 'kubernetes-version-syntax',
    passing: on('production', { kubernetesVersion: '1.34' }),
    failing: fails(
      on('production', { kubernetesVersion: 'v1.35' }),
      'kubernetesVersion',
      'major.minor',
    ),
  },
  {
    rule: 'kubernetes-version-supported',
    passing: on('production', { kubernetesVersion: '1.33' }, SUPPORTED),
    failing: fails(
      on('production', { kubernetesVersion: '1.28' }, SUPPORTED),
      'kubernetesVersion',
      'supported versions: 1.33, 1.34, 1.35',
    ),
  },
  {
    // Without EKS's list: a version past its end of extended support is refused, and one
    // the table does not know (released after it) is left to EKS.
    rule: 'kubernetes-version-end-of-life',
    passing: on('production', { kubernetesVersion: '1.37' }, { today: DAY }),
    failing: fails(
      on('production', { kubernetesVersion: '1.28' }, { today: DAY }),
      'kubernetesVersion',
      'out of all EKS support since',
    ),
  },
  {
    rule: 'cidr-syntax',
    passing: on('production', { 'network.vpcCidr': '10.30.0.0/16' }),
    failing: fails(
      on('production', { 'network.vpcCidr': '10.30.0.0' }),
      'network.vpcCidr',
    ),
  },
  {
    rule: 'cidr-host-bits',
    passing: on('production', {
      'network.privateSubnetCidrs[0]': '10.30.32.0/19',
    }),
    failing: fails(
      on('production', { 'network.privateSubnetCidrs[0]': '10.30.32.1/19' }),
      'network.privateSubnetCidrs[0]',
      'did you mean 10.30.32.0/19',
    ),
  },
  {
    rule: 'vpc-prefix',
    passing: on('production', { 'network.vpcCidr': '10.30.0.0/17' }),
    failing: fails(
      on('production', { 'network.vpcCidr': '10.0.0.0/15' }),
      'network.vpcCidr',
      '/16 and /28',
    ),
  },
  {
    rule: 'subnet-prefix',
    passing: on('production', {
      'network.publicSubnetCidrs[0]': '10.30.0.0/28',
    }),
    failing: fails(
      on('production', { 'network.publicSubnetCidrs[0]': '10.30.0.0/29' }),
      'network.publicSubnetCidrs[0]',
    ),
  },
  {
    rule: 'subnet-count',
    passing: on('production'),
    failing: fails(
      on('production', {
        'network.privateSubnetCidrs': ['10.30.32.0/19', '10.30.64.0/19'],
      }),
      'network.privateSubnetCidrs',
      'one subnet per zone',
    ),
  },
  {
    rule: 'subnet-in-vpc',
    passing: on('production', {
      'network.publicSubnetCidrs[2]': '10.30.255.0/24',
    }),
    failing: fails(
      on('production', { 'network.publicSubnetCidrs[2]': '10.31.2.0/24' }),
      'network.publicSubnetCidrs[2]',
      '10.30.0.0/16',
    ),
  },
  {
    rule: 'subnet-overlap',
    passing: on('production', {
      'network.privateSubnetCidrs[1]': '10.30.64.0/20',
    }),
    failing: fails(
      on('production', { 'network.privateSubnetCidrs[1]': '10.30.1.0/24' }),
      'network.privateSubnetCidrs[1]',
      'network.publicSubnetCidrs[1]',
    ),
  },
  {
    rule: 'nat-production',
    passing: on('dev', { 'network.natGateways': 'single' }),
    failing: fails(
      on('production', { 'network.natGateways': 'single' }),
      'network.natGateways',
      'one-per-az',
    ),
  },
  {
    rule: 'endpoint-access-none',
    passing: on('staging', { 'endpointAccess.private': true }),
    failing: fails(
      on('staging', { 'endpointAccess.private': false }),
      'endpointAccess',
    ),
  },
  {
    rule: 'endpoint-public-open',
    passing: on('dev', {
      'endpointAccess.publicAccessCidrs': ['203.0.113.0/24', '198.51.100.0/24'],
    }),
    failing: fails(
      on('dev', { 'endpointAccess.publicAccessCidrs': ['0.0.0.0/0'] }),
      'endpointAccess.publicAccessCidrs[0]',
      'restrict public endpoint',
    ),
  },
  {
    rule: 'endpoint-public-environment',
    passing: on('staging', { 'endpointAccess.publicAccessCidrs': [] }),
    failing: fails(
      on('staging', {
        'endpointAccess.publicAccessCidrs': ['198.51.100.0/24'],
      }),
      'endpointAccess.publicAccessCidrs[0]',
      'the staging preset refuses public API endpoint access, got 198.51.100.0/24',
    ),
  },
  {
    rule: 'endpoint-public-cidr-broad',
    passing: on('dev', {
      'endpointAccess.publicAccessCidrs': ['198.51.0.0/16'],
    }),
    failing: fails(
      on('dev', {
        'endpointAccess.publicAccessCidrs': ['0.0.0.0/1', '128.0.0.0/1'],
      }),
      'endpointAccess.publicAccessCidrs[1]',
      '128.0.0.0/1 is too broad',
    ),
  },
  {
    rule: 'endpoint-public-cidr-reserved',
    passing: on('dev', {
      'endpointAccess.publicAccessCidrs': ['172.32.0.0/16'],
    }),
    failing: fails(
      on('dev', {
        'endpointAccess.publicAccessCidrs': ['203.0.113.0/24', '172.16.8.0/24'],
      }),
      'endpointAccess.publicAccessCidrs[1]',
      '172.16.8.0/24 is inside 172.16.0.0/12',
    ),
  },
  {
    rule: 'endpoint-public-cidr-count',
    passing: on('dev', {
      'endpointAccess.publicAccessCidrs': range(40).map(
        i => `203.0.113.${i}/32`,
      ),
    }),
    failing: fails(
      on('dev', {
        'endpointAccess.publicAccessCidrs': range(41).map(
          i => `203.0.113.${i}/32`,
        ),
      }),
      'endpointAccess.publicAccessCidrs',
      'at most 40',
    ),
  },
  {
    rule: 'endpoint-production-private',
    passing: on('production', { 'endpointAccess.private': true }),
    failing: fails(
      on('production', { 'endpointAccess.private': false }),
      'endpointAccess.private',
    ),
  },
  {
    rule: 'node-groups-empty',
    passing: on('production'),
    failing: fails(on('production', { nodeGroups: [] }), 'nodeGroups'),
  },
  {
    rule: 'node-group-name-format',
    passing: on('production', { 'nodeGroups[0].name': 'System_Nodes-1' }),
    failing: fails(
      on('production', { 'nodeGroups[0].name': 'system nodes' }),
      'nodeGroups[0].name',
    ),
  },
  {
    rule: 'node-group-name-unique',
    passing: on('production', { 'nodeGroups[2].name': 'app-spot-2' }),
    failing: fails(
      on('production', { 'nodeGroups[2].name': 'app-on-demand' }),
      'nodeGroups[2].name',
    ),
  },
  {
    rule: 'node-group-sizes',
    passing: on('production', { 'nodeGroups[1].desiredSize': 10 }),
    failing: fails(
      on('production', { 'nodeGroups[1].desiredSize': 11 }),
      'nodeGroups[1].desiredSize',
      'above maxSize 10',
    ),
  },
  {
    rule: 'node-group-max-nodes',
    passing: on('production', { 'nodeGroups[0].maxSize': 450 }),
    failing: fails(
      on('production', { 'nodeGroups[0].maxSize': 451 }),
      'nodeGroups[0].maxSize',
      '450',
    ),
  },
  {
    rule: 'capacity-type',
    passing: on('production', { 'nodeGroups[1].capacityType': 'SPOT' }),
    failing: fails(
      on('production', { 'nodeGroups[1].capacityType': 'MIXED' }),
      'nodeGroups[1].capacityType',
      'split it',
    ),
  },
  {
    rule: 'instance-types-empty',
    passing: on('production', { 'nodeGroups[0].instanceTypes': ['t3.large'] }),
    failing: fails(
      on('production', { 'nodeGroups[0].instanceTypes': [] }),
      'nodeGroups[0].instanceTypes',
    ),
  },
  {
    rule: 'instance-types-limit',
    passing: on('production'),
    failing: fails(
      on('production', {
        'nodeGroups[1].instanceTypes': range(21).map(() => 'c5.xlarge'),
      }),
      'nodeGroups[1].instanceTypes',
      'at most 20',
    ),
  },
  {
    rule: 'instance-types-unique',
    passing: on('production', {
      'nodeGroups[1].instanceTypes': ['c5.xlarge', 'c5a.xlarge'],
    }),
    failing: fails(
      on('production', {
        'nodeGroups[1].instanceTypes': ['c5.xlarge', 'c5.xlarge'],
      }),
      'nodeGroups[1].instanceTypes[1]',
    ),
  },
  {
    rule: 'instance-type-known',
    passing: on('production', {
      'nodeGroups[1].instanceTypes[2]': 'c5d.xlarge',
    }),
    failing: fails(
      on('production', { 'nodeGroups[1].instanceTypes[2]': 'c7.xlarge' }),
      'nodeGroups[1].instanceTypes[2]',
    ),
  },
  {
    rule: 'instance-types-shape',
    passing: on('production', {
      'nodeGroups[0].instanceTypes': ['t3.large', 'm5.large'],
    }),
    failing: fails(
      on('production', {
        'nodeGroups[0].instanceTypes': ['t3.medium', 't3.large'],
      }),
      'nodeGroups[0].instanceTypes[1]',
      't3.large (2 vCPU, 8 GiB) differs from t3.medium (2 vCPU, 4 GiB)',
    ),
  },
  {
    rule: 'disk-size',
    passing: on('production', { 'nodeGroups[0].diskSizeGiB': 20 }),
    failing: fails(
      on('production', { 'nodeGroups[0].diskSizeGiB': 19 }),
      'nodeGroups[0].diskSizeGiB',
    ),
  },
  {
    rule: 'label-key',
    passing: on('production', {
      'nodeGroups[0].labels["example.com/team"]': 'platform',
    }),
    failing: fails(
      on('production', { 'nodeGroups[0].labels["-team"]': 'platform' }),
      'nodeGroups[0].labels["-team"]',
    ),
  },
  {
    rule: 'label-key-reserved',
    passing: on('production', {
      'nodeGroups[0].labels["node.kubernetes.io/lifecycle"]': 'normal',
    }),
    failing: fails(
      on('production', {
        'nodeGroups[0].labels["node-role.kubernetes.io/system"]': 'true',
      }),
      'nodeGroups[0].labels["node-role.kubernetes.io/system"]',
      'reserved',
    ),
  },
  {
    rule: 'label-value',
    passing: on('production', {
      'nodeGroups[0].labels["role"]': 'sys-tem_1.0',
    }),
    failing: fails(
      on('production', { 'nodeGroups[0].labels["role"]': '' }),
      'nodeGroups[0].labels["role"]',
    ),
  },
  {
    rule: 'taint-key',
    passing: on('production', {
      'nodeGroups[0].taints[0].key': 'example.com/dedicated',
    }),
    failing: fails(
      on('production', { 'nodeGroups[0].taints[0].key': 'Critical Addons' }),
      'nodeGroups[0].taints[0].key',
    ),
  },
  {
    rule: 'taint-value',
    passing: on('production', { 'nodeGroups[0].taints[0].value': '' }),
    failing: fails(
      on('production', { 'nodeGroups[0].taints[0].value': 'not ok' }),
      'nodeGroups[0].taints[0].value',
    ),
  },
  {
    rule: 'taint-count',
    passing: on('production', { 'nodeGroups[1].taints': manyTaints(50) }),
    failing: fails(
      on('production', { 'nodeGroups[1].taints': manyTaints(51) }),
      'nodeGroups[1].taints',
      'at most 50',
    ),
  },
  {
    rule: 'tag-count',
    passing: on('production', { tags: manyTags(50) }),
    failing: fails(
      on('production', { tags: manyTags(51) }),
      'tags',
      'at most 50',
    ),
  },
  {
    rule: 'tag-key',
    passing: on('production', { 'tags["team:name/x=y+z@a b"]': 'v' }),
    failing: fails(
      on('production', { 'tags["bad#key"]': 'v' }),
      'tags["bad#key"]',
    ),
  },
  {
    rule: 'tag-value',
    passing: on('production', { 'tags["owner"]': 'x'.repeat(256) }),
    failing: fails(
      on('production', { 'tags["owner"]': 'x'.repeat(257) }),
      'tags["owner"]',
    ),
  },
  {
    rule: 'tag-reserved-prefix',
    passing: on('production', { 'tags["aws-team"]': 'platform' }),
    failing: fails(
      on('production', { 'tags["AWS:team"]': 'platform' }),
      'tags["AWS:team"]',
      'aws:',
    ),
  },
  {
    rule: 'gitops-repo-url',
    passing: on('production', {
      'gitops.repoUrl': 'https://github.com/dpj/gitops',
    }),
    failing: fails(
      on('production', { 'gitops.repoUrl': 'git@github.com:dpj/gitops.git' }),
      'gitops.repoUrl',
    ),
  },
  {
    rule: 'gitops-branch',
    passing: on('production', { 'gitops.branch': 'release/2026.11' }),
    failing: fails(
      on('production', { 'gitops.branch': 'feature..x' }),
      'gitops.branch',
    ),
  },
  {
    rule: 'gitops-path',
    passing: on('production', { 'gitops.path': 'clusters/dpj-prod/' }),
    failing: fails(
      on('production', { 'gitops.path': '../other-team' }),
      'gitops.path',
    ),
  },
  {
    rule: 'ip-capacity',
    passing: on('production', {
      'network.privateSubnetCidrs[1]': '10.30.64.0/22',
    }),
    failing: fails(
      on('production', { 'network.privateSubnetCidrs[1]': '10.30.64.0/24' }),
      'network.privateSubnetCidrs[1]',
      'runs out at 4 nodes per AZ, but node groups may place up to 10',
    ),
  },
];

const run = ({ base, changes, options }: Variant) =>
  validateEnvironmentSpec(presetWith(base, changes), options);

describe('validation rules', () => {
  it('cover every rule id with a passing and a failing case', () => {
    expect(CASES.map(c => c.rule).sort()).toEqual(
      [...VALIDATION_RULE_IDS].sort(),
    );
  });

  describe.each(CASES)('$rule', ({ rule, passing, failing }) => {
    it('passes on valid input', () => {
      expect(run(passing)).toEqual([]);
    });

    it(`fails at ${failing.path}`, () => {
      const found = run(failing).filter(p => p.rule === rule);
      expect(found.map(p => p.path)).toContain(failing.path);
      const message = found.find(p => p.path === failing.path)?.message;
      expect(message).toContain(failing.messageContains ?? '');
    });
  });

  it('rejects credentials and non-https GitOps URLs', () => {
    for (const repoUrl of [
      'http://git.dpj.example/x.git',
      'https://user:secret@git.dpj.example/x.git',
      'not a url',
    ]) {
      expect(
        run(on('production', { 'gitops.repoUrl': repoUrl })).map(p => p.rule),
      ).toEqual(['gitops-repo-url']);
    }
  });

  it('accepts a raised node group quota', () => {
    expect(
      run(
        on(
          'production',
          { 'nodeGroups[0].maxSize': 451 },
          { maxNodesPerNodeGroup: 1000 },
        ),
      ),
    ).toEqual([]);
  });
});
