import { presetFor } from './presets';
import { presetWith, REMOVE, withField } from './testing/specFixtures';
import { ENVIRONMENTS } from './types';
import { parseEnvironmentSpec, validateEnvironmentSpec } from './validate';

/** [what is wrong, the input, the exact paths reported] */
type BadInput = [string, unknown, string[]];

const prod = (changes: Record<string, unknown>) =>
  presetWith('production', changes);
const dev = (changes: Record<string, unknown>) => presetWith('dev', changes);

const BAD_INPUTS: BadInput[] = [
  // the spec itself
  ['spec is null', null, ['']],
  ['spec is text', 'dpj-prod', ['']],
  ['spec is a list', [], ['']],
  // top-level fields, missing or mistyped
  ['name missing', prod({ name: REMOVE }), ['name']],
  ['name is a number', prod({ name: 42 }), ['name']],
  ['name is blank', prod({ name: '  ' }), ['name']],
  ['name in capitals', prod({ name: 'DPJ-prod' }), ['name']],
  ['environment unknown', prod({ environment: 'prod' }), ['environment']],
  ['owner missing', prod({ owner: REMOVE }), ['owner']],
  ['owner is a user', prod({ owner: 'user:default/alice.martin' }), ['owner']],
  ['account as a number', prod({ account: 333333333333 }), ['account']],
  ['account with dashes', prod({ account: '3333-3333-3333' }), ['account']],
  ['region missing', prod({ region: REMOVE }), ['region']],
  ['region unknown', prod({ region: 'eu-west-9' }), ['region']],
  [
    'zones as text',
    prod({ availabilityZones: 'eu-west-3a' }),
    ['availabilityZones'],
  ],
  [
    'zone is a number',
    prod({ 'availabilityZones[1]': 7 }),
    ['availabilityZones[1]'],
  ],
  [
    'zone from another region',
    prod({ 'availabilityZones[2]': 'eu-west-1c' }),
    ['availabilityZones[2]'],
  ],
  [
    'zone twice',
    prod({ 'availabilityZones[1]': 'eu-west-3a' }),
    ['availabilityZones[1]'],
  ],
  [
    'version as a number',
    prod({ kubernetesVersion: 1.35 }),
    ['kubernetesVersion'],
  ],
  [
    'version with patch',
    prod({ kubernetesVersion: '1.35.2' }),
    ['kubernetesVersion'],
  ],
  // network
  ['network missing', prod({ network: REMOVE }), ['network']],
  ['network is text', prod({ network: '10.30.0.0/16' }), ['network']],
  [
    'VPC CIDR missing',
    prod({ 'network.vpcCidr': REMOVE }),
    ['network.vpcCidr'],
  ],
  [
    'VPC CIDR with host bits',
    prod({ 'network.vpcCidr': '10.30.0.1/16' }),
    ['network.vpcCidr'],
  ],
  [
    'VPC too large',
    prod({ 'network.vpcCidr': '10.0.0.0/8' }),
    ['network.vpcCidr'],
  ],
  [
    'public subnets null',
    prod({ 'network.publicSubnetCidrs': null }),
    ['network.publicSubnetCidrs'],
  ],
  [
    'public subnet outside VPC',
    prod({ 'network.publicSubnetCidrs[2]': '10.31.2.0/24' }),
    ['network.publicSubnetCidrs[2]'],
  ],
  [
    'private subnet null',
    prod({ 'network.privateSubnetCidrs[2]': null }),
    ['network.privateSubnetCidrs[2]'],
  ],
  [
    'private subnets overlap',
    prod({ 'network.privateSubnetCidrs[1]': '10.30.32.0/20' }),
    ['network.privateSubnetCidrs[1]'],
  ],
  [
    'private subnet too small for the nodes',
    prod({ 'network.privateSubnetCidrs[0]': '10.30.32.0/24' }),
    ['network.privateSubnetCidrs[0]'],
  ],
  [
    'two public subnets for three zones',
    prod({ 'network.publicSubnetCidrs': ['10.30.0.0/24', '10.30.1.0/24'] }),
    ['network.publicSubnetCidrs'],
  ],
  [
    'NAT mode unknown',
    prod({ 'network.natGateways': 'two' }),
    ['network.natGateways'],
  ],
  [
    'single NAT in production',
    prod({ 'network.natGateways': 'single' }),
    ['network.natGateways'],
  ],
  // endpoint access
  [
    'endpoint access missing',
    prod({ endpointAccess: REMOVE }),
    ['endpointAccess'],
  ],
  [
    'public flag as text',
    prod({ 'endpointAccess.public': 'yes' }),
    ['endpointAccess.public'],
  ],
  [
    'public CIDR malformed',
    dev({ 'endpointAccess.publicAccessCidrs[0]': '203.0.113.0/33' }),
    ['endpointAccess.publicAccessCidrs[0]'],
  ],
  [
    'public endpoint open to the world',
    dev({ 'endpointAccess.publicAccessCidrs[0]': '0.0.0.0/0' }),
    ['endpointAccess.publicAccessCidrs[0]'],
  ],
  [
    'public endpoint with no CIDRs',
    dev({ 'endpointAccess.publicAccessCidrs': [] }),
    ['endpointAccess.publicAccessCidrs'],
  ],
  [
    'public endpoint open to the world in two halves',
    dev({ 'endpointAccess.publicAccessCidrs': ['0.0.0.0/1', '128.0.0.0/1'] }),
    [
      'endpointAccess.publicAccessCidrs[0]',
      'endpointAccess.publicAccessCidrs[1]',
    ],
  ],
  [
    'public CIDR in a private range',
    dev({ 'endpointAccess.publicAccessCidrs[0]': '10.10.0.0/16' }),
    ['endpointAccess.publicAccessCidrs[0]'],
  ],
  [
    'public endpoint in staging',
    presetWith('staging', {
      'endpointAccess.public': true,
      'endpointAccess.publicAccessCidrs': ['203.0.113.0/24'],
    }),
    ['endpointAccess.publicAccessCidrs[0]'],
  ],
  [
    'public endpoint in production',
    prod({
      'endpointAccess.public': true,
      'endpointAccess.publicAccessCidrs': ['203.0.113.0/24'],
    }),
    ['endpointAccess.publicAccessCidrs[0]'],
  ],
  // node groups
  ['node groups as an object', prod({ nodeGroups: {} }), ['nodeGroups']],
  ['no node groups', prod({ nodeGroups: [] }), ['nodeGroups']],
  ['node group null', prod({ 'nodeGroups[1]': null }), ['nodeGroups[1]']],
  [
    'node group name missing',
    prod({ 'nodeGroups[0].name': REMOVE }),
    ['nodeGroups[0].name'],
  ],
  [
    'node group names clash',
    prod({ 'nodeGroups[2].name': 'app-on-demand' }),
    ['nodeGroups[2].name'],
  ],
  [
    'node group role unknown',
    prod({ 'nodeGroups[0].role': 'infra' }),
    ['nodeGroups[0].role'],
  ],
  [
    'instance types as text',
    prod({ 'nodeGroups[2].instanceTypes': 'c5.xlarge' }),
    ['nodeGroups[2].instanceTypes'],
  ],
  [
    'instance type is a number',
    prod({ 'nodeGroups[2].instanceTypes[0]': 5 }),
    ['nodeGroups[2].instanceTypes[0]'],
  ],
  [
    'instance type unknown',
    prod({ 'nodeGroups[1].instanceTypes[2]': 'c7.xlarge' }),
    ['nodeGroups[1].instanceTypes[2]'],
  ],
  [
    'instance types of two shapes',
    prod({ 'nodeGroups[0].instanceTypes': ['t3.medium', 't3.large'] }),
    ['nodeGroups[0].instanceTypes[1]'],
  ],
  [
    'mixed capacity in one group',
    prod({ 'nodeGroups[1].capacityType': 'MIXED' }),
    ['nodeGroups[1].capacityType'],
  ],
  [
    'min size not whole',
    prod({ 'nodeGroups[1].minSize': 1.5 }),
    ['nodeGroups[1].minSize'],
  ],
  [
    'max size missing',
    prod({ 'nodeGroups[1].maxSize': REMOVE }),
    ['nodeGroups[1].maxSize'],
  ],
  [
    'desired above max',
    prod({ 'nodeGroups[1].desiredSize': 11 }),
    ['nodeGroups[1].desiredSize'],
  ],
  [
    'disk size as text',
    prod({ 'nodeGroups[0].diskSizeGiB': '50' }),
    ['nodeGroups[0].diskSizeGiB'],
  ],
  [
    'disk too small',
    prod({ 'nodeGroups[0].diskSizeGiB': 8 }),
    ['nodeGroups[0].diskSizeGiB'],
  ],
  [
    'labels as a list',
    prod({ 'nodeGroups[0].labels': ['role'] }),
    ['nodeGroups[0].labels'],
  ],
  [
    'label value is a number',
    prod({ 'nodeGroups[0].labels["role"]': 1 }),
    ['nodeGroups[0].labels["role"]'],
  ],
  [
    'label key reserved',
    prod({ 'nodeGroups[0].labels["node-role.kubernetes.io/system"]': 'true' }),
    ['nodeGroups[0].labels["node-role.kubernetes.io/system"]'],
  ],
  [
    'taints missing',
    prod({ 'nodeGroups[0].taints': REMOVE }),
    ['nodeGroups[0].taints'],
  ],
  [
    'taint as text',
    prod({ 'nodeGroups[0].taints[0]': 'CriticalAddonsOnly' }),
    ['nodeGroups[0].taints[0]'],
  ],
  [
    'taint effect in Kubernetes spelling',
    prod({ 'nodeGroups[0].taints[0].effect': 'NoSchedule' }),
    ['nodeGroups[0].taints[0].effect'],
  ],
  // tags, GitOps, rollback
  ['tags missing', prod({ tags: REMOVE }), ['tags']],
  ['tag value null', prod({ 'tags["project"]': null }), ['tags["project"]']],
  [
    'tag key reserved by AWS',
    prod({ 'tags["aws:owner"]': 'me' }),
    ['tags["aws:owner"]'],
  ],
  ['gitops missing', prod({ gitops: REMOVE }), ['gitops']],
  ['gitops branch blank', prod({ 'gitops.branch': '' }), ['gitops.branch']],
  [
    'gitops over http',
    prod({
      'gitops.repoUrl': 'http://git.dpj.example/platform/dpj-gitops.git',
    }),
    ['gitops.repoUrl'],
  ],
  [
    'rollback flag as text',
    prod({ rollbackOnFailure: 'false' }),
    ['rollbackOnFailure'],
  ],
];

describe('validateEnvironmentSpec', () => {
  it('has a large table of bad inputs', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD_INPUTS.map(([what]) => what)).size).toBe(
      BAD_INPUTS.length,
    );
  });

  it.each(ENVIRONMENTS)('accepts the %s preset', environment => {
    expect(validateEnvironmentSpec(presetFor(environment))).toEqual([]);
  });

  it.each(BAD_INPUTS)(
    '%s: reports exactly the expected paths',
    (_what, input, paths) => {
      const problems = validateEnvironmentSpec(input);
      expect(problems.map(p => p.path)).toEqual(paths);
      for (const found of problems) {
        expect(found.message.length).toBeGreaterThan(10);
      }
    },
  );

  it('returns every problem at once', () => {
    const problems = validateEnvironmentSpec(
      prod({
        name: 'bad_name',
        account: '42',
        'network.natGateways': 'single',
        'nodeGroups[1].capacityType': 'MIXED',
        'tags["aws:x"]': 'y',
        gitops: REMOVE,
      }),
    );
    expect(problems.map(p => p.rule).sort()).toEqual(
      [
        'account-id',
        'capacity-type',
        'name-format',
        'nat-production',
        'required',
        'tag-reserved-prefix',
      ].sort(),
    );
  });

  it('names the field when the input is empty', () => {
    const paths = validateEnvironmentSpec({}).map(p => p.path);
    expect(paths).toEqual([
      'name',
      'environment',
      'owner',
      'costCenter',
      'account',
      'region',
      'availabilityZones',
      'kubernetesVersion',
      'network',
      'endpointAccess',
      'nodeGroups',
      'tags',
      'gitops',
      'rollbackOnFailure',
    ]);
  });

  describe('never throws on hostile input', () => {
    const GARBAGE: unknown[] = [
      undefined,
      null,
      0,
      -1,
      Number.NaN,
      Infinity,
      '',
      'x',
      true,
      [],
      {},
      [null],
      { a: 1 },
      [[1]],
    ];

    function childPath(path: string, key: string): string {
      if (!/^[A-Za-z]\w*$/.test(key)) return `${path}[${JSON.stringify(key)}]`;
      return path ? `${path}.${key}` : key;
    }

    /** Every field path of a preset, containers included. */
    function allPaths(value: unknown, path = ''): string[] {
      if (Array.isArray(value)) {
        return value.flatMap((item, i) => [
          `${path}[${i}]`,
          ...allPaths(item, `${path}[${i}]`),
        ]);
      }
      if (typeof value === 'object' && value !== null) {
        return Object.entries(value).flatMap(([key, item]) => [
          childPath(path, key),
          ...allPaths(item, childPath(path, key)),
        ]);
      }
      return [];
    }

    it.each(ENVIRONMENTS)('in any field of the %s preset', environment => {
      const preset = presetFor(environment);
      for (const path of allPaths(preset)) {
        for (const garbage of GARBAGE) {
          const input = withField(preset, path, garbage);
          expect(() => validateEnvironmentSpec(input)).not.toThrow();
        }
      }
    });

    it.each(GARBAGE)('as the whole spec: %p', garbage => {
      expect(() => validateEnvironmentSpec(garbage)).not.toThrow();
      expect(validateEnvironmentSpec(garbage).length).toBeGreaterThan(0);
    });
  });
});

describe('parseEnvironmentSpec', () => {
  it('narrows a valid spec', () => {
    const result = parseEnvironmentSpec(
      JSON.parse(JSON.stringify(presetFor('staging'))),
    );
    expect(result).toMatchObject({ ok: true, spec: { name: 'dpj-staging' } });
  });

  it('returns the problems of an invalid one', () => {
    const result = parseEnvironmentSpec(prod({ name: REMOVE }));
    expect(result).toEqual({
      ok: false,
      problems: [
        { path: 'name', rule: 'required', message: 'name is required' },
      ],
    });
  });
});
