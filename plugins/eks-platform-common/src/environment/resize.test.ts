import { resizeProblems, RunningNodeGroup, RunningSubnet } from './resize';

const SUBNETS: RunningSubnet[] = [
  { availabilityZone: 'eu-west-3a', cidr: '10.20.32.0/19' },
  { availabilityZone: 'eu-west-3b', cidr: '10.20.64.0/19' },
  { availabilityZone: 'eu-west-3c', cidr: '10.20.96.0/19' },
];
const GROUPS: RunningNodeGroup[] = [
  {
    name: 'system',
    instanceTypes: ['m6i.large'],
    minSize: 2,
    desiredSize: 2,
    maxSize: 4,
    status: 'ACTIVE',
  },
  {
    name: 'app-spot',
    instanceTypes: ['m6i.xlarge', 'm5.xlarge'],
    minSize: 0,
    desiredSize: 2,
    maxSize: 8,
    status: 'ACTIVE',
  },
];

describe('resizeProblems', () => {
  it('accepts sizes within the rules', () => {
    expect(
      resizeProblems(GROUPS, SUBNETS, [
        { name: 'app-spot', minSize: 1, desiredSize: 3, maxSize: 20 },
      ]),
    ).toEqual([]);
  });

  it('names the field of each wrong size and unknown or busy group', () => {
    const problems = resizeProblems(
      [{ ...GROUPS[0], status: 'UPDATING' }, GROUPS[1]],
      SUBNETS,
      [
        { name: 'system', minSize: 2, desiredSize: 2, maxSize: 4 },
        { name: 'gpu', minSize: 0, desiredSize: 0, maxSize: 1 },
        { name: 'app-spot', minSize: 3, desiredSize: 2, maxSize: 500 },
      ],
    );
    expect(problems.map(p => [p.path, p.rule])).toEqual([
      ['nodeGroups[0].name', 'node-group-active'],
      ['nodeGroups[1].name', 'node-group-exists'],
      ['nodeGroups[2].desiredSize', 'node-group-sizes'],
      ['nodeGroups[2].maxSize', 'node-group-max-nodes'],
    ]);
    expect(problems[1].message).toBe(
      'the cluster has no node group gpu (it has system, app-spot)',
    );
  });

  it('refuses a maximum past the IP ceiling of the private subnets, with the figures', () => {
    const small: RunningSubnet[] = SUBNETS.map((s, i) => ({
      ...s,
      cidr: `10.20.${i}.0/24`,
    }));
    const problems = resizeProblems(GROUPS, small, [
      { name: 'app-spot', minSize: 0, desiredSize: 2, maxSize: 60 },
    ]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatchObject({
      path: 'network.privateSubnetCidrs[0]',
      rule: 'ip-capacity',
    });
    // 4 system nodes + 60 app-spot nodes over 3 zones: 2 + 20 per zone.
    expect(problems[0].message).toBe(
      'private subnet 10.20.0.0/24 in eu-west-3a has 251 usable addresses; at 60 addresses per m6i.xlarge node it runs out at 4 nodes per AZ, but node groups may place up to 22 (1260 addresses) — use a /21 or larger',
    );
  });
});
