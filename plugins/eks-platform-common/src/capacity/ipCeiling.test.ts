import { findInstanceType, maxPodsPerNode } from '../aws/instanceTypes';
import { usableSubnetAddresses } from '../network/cidr';
import {
  addressesPerNodeOf,
  ipCeilingOf,
  ipNodeCeiling,
  nodesThatFit,
} from './ipCeiling';

const c5xlarge = findInstanceType('c5.xlarge')!;
const t3large = findInstanceType('t3.large')!;

describe('IP ceiling', () => {
  it('follows the VPC CNI formula: c5.xlarge has 4 ENIs × 15 IPs → 58 pods, 60 addresses', () => {
    expect(maxPodsPerNode(c5xlarge)).toBe(58);
    expect(addressesPerNodeOf([c5xlarge])).toBe(60);
  });

  it('fits 4 c5.xlarge nodes in an empty /24 (251 usable addresses)', () => {
    expect(usableSubnetAddresses(24)).toBe(251);
    expect(nodesThatFit(usableSubnetAddresses(24), 60)).toBe(4);
  });

  it('sizes mixed groups for their largest type (t3.large takes 3 × 12 = 36)', () => {
    expect(addressesPerNodeOf([t3large])).toBe(36);
    expect(addressesPerNodeOf([t3large, c5xlarge])).toBe(60);
    expect(addressesPerNodeOf([])).toBe(0);
    expect(nodesThatFit(100, 0)).toBe(0);
  });

  it('lists each zone and adds what fits to the nodes running today', () => {
    const ceiling = ipCeilingOf(
      [
        {
          subnetId: 'subnet-b',
          availabilityZone: 'eu-west-3b',
          cidrBlock: '10.0.11.0/24',
          availableIpAddressCount: 251,
        },
        {
          subnetId: 'subnet-a',
          availabilityZone: 'eu-west-3a',
          cidrBlock: '10.0.10.0/24',
          availableIpAddressCount: 131,
        },
      ],
      60,
    );
    expect(ceiling.map(az => [az.availabilityZone, az.nodesThatFit])).toEqual([
      ['eu-west-3a', 2],
      ['eu-west-3b', 4],
    ]);
    // 3 nodes today + 131/60 → 2 + 251/60 → 4
    expect(ipNodeCeiling(3, ceiling)).toBe(9);
  });
});
