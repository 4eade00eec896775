import {
  defaultRegionZones,
  normalizeRegionZones,
  REGION_OPTIONS,
  regionZonesProblems,
  toggleZone,
  validateRegionZones,
  withRegion,
} from './regionZones';

describe('regionZones', () => {
  it('defaults to Paris (eu-west-3) and its first three zones', () => {
    expect(defaultRegionZones()).toEqual({
      region: 'eu-west-3',
      availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'],
    });
    expect(normalizeRegionZones(undefined)).toEqual(defaultRegionZones());
    expect(normalizeRegionZones({})).toEqual(defaultRegionZones());
    expect(regionZonesProblems(defaultRegionZones())).toEqual([]);
  });

  it('labels regions with their name and code', () => {
    expect(REGION_OPTIONS).toContainEqual({
      code: 'eu-west-3',
      label: 'Europe (Paris) — eu-west-3',
    });
    expect(REGION_OPTIONS).toContainEqual({
      code: 'eu-central-2',
      label: 'Europe (Zurich) — eu-central-2 (opt-in region)',
    });
  });

  it('completes a value giving only the region with its first three zones', () => {
    expect(normalizeRegionZones({ region: 'ca-central-1' })).toEqual({
      region: 'ca-central-1',
      availabilityZones: ['ca-central-1a', 'ca-central-1b', 'ca-central-1d'],
    });
  });

  it('keeps a complete value as it is, even an invalid one', () => {
    const value = { region: 'eu-west-3', availabilityZones: ['eu-west-1a'] };
    expect(normalizeRegionZones(value)).toEqual(value);
  });

  it("resets the zones to the new region's first three on a region change", () => {
    expect(withRegion('us-east-1')).toEqual({
      region: 'us-east-1',
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    });
    expect(withRegion('ap-northeast-1').availabilityZones).toEqual([
      'ap-northeast-1a',
      'ap-northeast-1c',
      'ap-northeast-1d',
    ]);
  });

  it("keeps the zones in the region's order when ticking and unticking", () => {
    const start = {
      region: 'us-east-1',
      availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
    };
    const unticked = toggleZone(start, 'us-east-1a', false);
    expect(unticked.availabilityZones).toEqual(['us-east-1b', 'us-east-1c']);
    expect(toggleZone(unticked, 'us-east-1f', true).availabilityZones).toEqual([
      'us-east-1b',
      'us-east-1c',
      'us-east-1f',
    ]);
    expect(toggleZone(unticked, 'us-east-1a', true)).toEqual(start);
  });

  it('rejects a zone outside the region, naming the zone and the region', () => {
    const problems = regionZonesProblems({
      region: 'eu-west-3',
      availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-1a'],
    });
    expect(problems).toEqual([
      'eu-west-1a is not in eu-west-3 (Europe (Paris)); choose from eu-west-3a, eu-west-3b, eu-west-3c',
    ]);
  });

  it('rejects two zones: the environments span three', () => {
    expect(
      regionZonesProblems({
        region: 'eu-west-3',
        availabilityZones: ['eu-west-3a', 'eu-west-3b'],
      }),
    ).toEqual([
      'choose exactly 3 distinct availability zones (the environments span three AZs); 2 are selected',
    ]);
  });

  it('rejects a zone listed twice and four zones', () => {
    expect(
      regionZonesProblems({
        region: 'eu-west-3',
        availabilityZones: ['eu-west-3a', 'eu-west-3a', 'eu-west-3b'],
      }),
    ).toEqual([
      'eu-west-3a is listed twice',
      'choose exactly 3 distinct availability zones (the environments span three AZs); 2 are selected',
    ]);
    expect(
      regionZonesProblems({
        region: 'us-east-1',
        availabilityZones: [
          'us-east-1a',
          'us-east-1b',
          'us-east-1c',
          'us-east-1d',
        ],
      }),
    ).toHaveLength(1);
  });

  it('rejects an unknown region and missing zones', () => {
    expect(
      regionZonesProblems({ region: 'eu-paris-1', availabilityZones: [] }),
    ).toEqual([
      'region "eu-paris-1" is not a supported AWS region; pick one from the list (default eu-west-3 (Europe (Paris)))',
      'choose exactly 3 distinct availability zones (the environments span three AZs); 0 are selected',
    ]);
    expect(regionZonesProblems({ region: 'eu-west-3' })).toEqual([
      'choose 3 availability zones of the region',
    ]);
  });

  it('reports every problem to the form through the validation function', async () => {
    const addError = jest.fn();
    await validateRegionZones(
      { region: 'eu-west-3', availabilityZones: ['eu-west-1a'] },
      { addError } as any,
      {} as any,
    );
    expect(addError).toHaveBeenCalledWith(
      expect.stringContaining(
        'eu-west-1a is not in eu-west-3 (Europe (Paris))',
      ),
    );
    expect(addError).toHaveBeenCalledTimes(2);
  });
});
