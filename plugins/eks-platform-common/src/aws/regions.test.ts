import {
  availabilityZonesOf,
  AWS_REGIONS,
  DEFAULT_REGION,
  findRegion,
  isAvailabilityZoneInRegion,
} from './regions';

describe('AWS regions', () => {
  it('puts Paris in eu-west-3, the default, and Ireland in eu-west-1', () => {
    expect(DEFAULT_REGION).toBe('eu-west-3');
    expect(findRegion('eu-west-3')?.displayName).toBe('Europe (Paris)');
    expect(findRegion('eu-west-1')?.displayName).toBe('Europe (Ireland)');
  });

  it('lists the European regions the product targets', () => {
    const codes = AWS_REGIONS.map(region => region.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'eu-west-1',
        'eu-west-2',
        'eu-west-3',
        'eu-central-1',
        'eu-north-1',
        'eu-south-1',
        'us-east-1',
        'us-east-2',
        'us-west-2',
        'ap-southeast-1',
      ]),
    );
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('names zones from region code and suffix', () => {
    expect(availabilityZonesOf('eu-west-3')).toEqual([
      'eu-west-3a',
      'eu-west-3b',
      'eu-west-3c',
    ]);
    expect(availabilityZonesOf('us-east-1')).toHaveLength(6);
    expect(availabilityZonesOf('ap-northeast-1')).toEqual([
      'ap-northeast-1a',
      'ap-northeast-1c',
      'ap-northeast-1d',
    ]);
    expect(availabilityZonesOf('mars-north-1')).toEqual([]);
  });

  it('checks that a zone belongs to a region', () => {
    expect(isAvailabilityZoneInRegion('eu-west-3a', 'eu-west-3')).toBe(true);
    expect(isAvailabilityZoneInRegion('eu-west-1a', 'eu-west-3')).toBe(false);
    expect(isAvailabilityZoneInRegion('eu-west-3d', 'eu-west-3')).toBe(false);
    expect(isAvailabilityZoneInRegion('us-east-1f', 'us-east-1')).toBe(true);
    expect(isAvailabilityZoneInRegion('eu-west-3a', 'nowhere-1')).toBe(false);
  });

  it('gives every region at least two zones, as EKS needs', () => {
    for (const region of AWS_REGIONS) {
      expect(region.availabilityZoneSuffixes.length).toBeGreaterThanOrEqual(2);
    }
  });
});
