import {
  computeSubnetIpCapacity,
  explainSubnetShortfall,
  IpCapacityInput,
  nodeGroupIpDemands,
} from './ipCapacity';
import { ENVIRONMENT_PRESETS } from './presets';

const ZONES = ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'];

/** ADR-0007's network and app-nodes group, taken literally. */
const ADR_APP_NODES_ONLY: IpCapacityInput = {
  availabilityZones: ZONES,
  network: {
    privateSubnetCidrs: ['10.0.10.0/24', '10.0.20.0/24', '10.0.30.0/24'],
  },
  nodeGroups: [
    {
      name: 'app-nodes',
      instanceTypes: ['c5.large', 'c5.xlarge', 'm5.large'],
      maxSize: 20,
    },
  ],
};

describe('nodeGroupIpDemands', () => {
  it('spreads maxSize over the zones and sizes by the hungriest type', () => {
    // ceil(20 / 3) = 7 nodes per zone × 60 addresses (c5.xlarge: 4 ENIs × 15).
    expect(nodeGroupIpDemands(ADR_APP_NODES_ONLY)).toEqual([
      {
        nodeGroup: 'app-nodes',
        nodesPerAvailabilityZone: 7,
        instanceType: 'c5.xlarge',
        addressesPerNode: 60,
        addressesPerAvailabilityZone: 420,
      },
    ]);
  });

  it('skips groups with no known instance type', () => {
    expect(
      nodeGroupIpDemands({
        ...ADR_APP_NODES_ONLY,
        nodeGroups: [{ name: 'x', instanceTypes: ['z9.huge'], maxSize: 3 }],
      }),
    ).toEqual([]);
  });
});

describe('computeSubnetIpCapacity', () => {
  it('finds that ADR-0007 /24 subnets run out at 4 app nodes per zone', () => {
    const report = computeSubnetIpCapacity(ADR_APP_NODES_ONLY);
    expect(report.fits).toBe(false);
    expect(report.availabilityZones).toHaveLength(3);
    expect(report.availabilityZones[0]).toEqual({
      index: 0,
      availabilityZone: 'eu-west-3a',
      subnetCidr: '10.0.10.0/24',
      usableAddresses: 251,
      requiredAddresses: 420,
      nodesPerAvailabilityZone: 7,
      largestNode: { instanceType: 'c5.xlarge', addressesPerNode: 60 },
      // floor(251 / 60) = 4
      nodesThatFit: 4,
      fits: false,
      // 420 addresses need 512 - 5 = 507: a /23
      suggestedPrefix: 23,
    });
  });

  it('explains the shortfall in one sentence', () => {
    const [zone] =
      computeSubnetIpCapacity(ADR_APP_NODES_ONLY).availabilityZones;
    expect(zone && explainSubnetShortfall(zone)).toBe(
      'private subnet 10.0.10.0/24 in eu-west-3a has 251 usable addresses; ' +
        'at 60 addresses per c5.xlarge node it runs out at 4 nodes per AZ, ' +
        'but node groups may place up to 7 (420 addresses) — use a /23 or larger',
    );
  });

  it('tells when even a /16 is too small', () => {
    const [zone] = computeSubnetIpCapacity({
      ...ADR_APP_NODES_ONLY,
      nodeGroups: [
        { name: 'huge', instanceTypes: ['c5.xlarge'], maxSize: 3300 },
      ],
    }).availabilityZones;
    expect(zone && explainSubnetShortfall(zone)).toContain(
      'even a /16 is too small',
    );
  });

  it('fits the production preset: 2 × 36 + 4 × 60 + 4 × 60 = 552 of 8187 addresses', () => {
    const report = computeSubnetIpCapacity(ENVIRONMENT_PRESETS.production);
    expect(report.fits).toBe(true);
    expect(report.availabilityZones.map(z => z.requiredAddresses)).toEqual([
      552, 552, 552,
    ]);
    expect(report.availabilityZones[0]).toMatchObject({
      usableAddresses: 8187,
      nodesPerAvailabilityZone: 10,
      nodesThatFit: 136,
      suggestedPrefix: undefined,
    });
  });

  it('leaves out zones whose subnet does not parse and reports nothing to fit without groups', () => {
    const report = computeSubnetIpCapacity({
      availabilityZones: ZONES,
      network: { privateSubnetCidrs: ['10.0.10.0/24', 'oops'] },
      nodeGroups: [],
    });
    expect(report.availabilityZones.map(z => z.availabilityZone)).toEqual([
      'eu-west-3a',
    ]);
    expect(report.availabilityZones[0]).toMatchObject({
      requiredAddresses: 0,
      fits: true,
      nodesThatFit: undefined,
    });
  });
});
