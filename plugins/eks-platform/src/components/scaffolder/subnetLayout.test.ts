import {
  capacityRows,
  normalizeLayout,
  presetLayout,
  readLayoutContext,
  SubnetLayoutContext,
  subnetLayoutProblems,
  SubnetLayoutValue,
  validateSubnetLayout,
  withSubnet,
} from './subnetLayout';

const PARIS = ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'];

function contextOf(
  overrides: Partial<SubnetLayoutContext> = {},
): SubnetLayoutContext {
  return {
    environment: 'production',
    region: 'eu-west-3',
    availabilityZones: PARIS,
    nodeGroupSizes: {},
    ...overrides,
  };
}

const SLASH_24_PRIVATE: SubnetLayoutValue = {
  ...presetLayout('production'),
  privateSubnetCidrs: ['10.30.32.0/24', '10.30.33.0/24', '10.30.34.0/24'],
};

describe('readLayoutContext', () => {
  it('defaults to dev in Paris with the preset sizes', () => {
    expect(readLayoutContext(undefined)).toEqual({
      environment: 'dev',
      region: 'eu-west-3',
      availabilityZones: PARIS,
      nodeGroupSizes: {},
    });
  });

  it('reads the environment, the location and the node group sizes', () => {
    expect(
      readLayoutContext({
        environment: 'staging',
        location: {
          region: 'eu-west-1',
          availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
        },
        nodeGroupSizes: {
          'app-spot': { minSize: 0, maxSize: 12, desiredSize: 'x' },
        },
      }),
    ).toEqual({
      environment: 'staging',
      region: 'eu-west-1',
      availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      nodeGroupSizes: { 'app-spot': { minSize: 0, maxSize: 12 } },
    });
  });

  it("takes the region's first three zones when the location has none yet", () => {
    expect(
      readLayoutContext({ location: { region: 'us-east-1' } })
        .availabilityZones,
    ).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
  });
});

describe('normalizeLayout', () => {
  it("defaults to the environment's preset network", () => {
    expect(normalizeLayout(undefined, contextOf())).toEqual({
      vpcCidr: '10.30.0.0/16',
      publicSubnetCidrs: ['10.30.0.0/24', '10.30.1.0/24', '10.30.2.0/24'],
      privateSubnetCidrs: ['10.30.32.0/19', '10.30.64.0/19', '10.30.96.0/19'],
    });
    expect(normalizeLayout({}, contextOf({ environment: 'dev' }))).toEqual(
      presetLayout('dev'),
    );
  });

  it("follows a change of environment while the layout is another preset's", () => {
    expect(normalizeLayout(presetLayout('dev'), contextOf())).toEqual(
      presetLayout('production'),
    );
  });

  it('keeps what the user typed', () => {
    const edited = withSubnet(
      presetLayout('dev'),
      'privateSubnetCidrs',
      1,
      '10.10.',
    );
    expect(normalizeLayout(edited, contextOf())).toBe(edited);
  });
});

describe('subnetLayoutProblems and capacityRows', () => {
  it.each(['dev', 'staging', 'production'] as const)(
    'finds the %s preset valid and fitting',
    environment => {
      const context = contextOf({ environment });
      const value = presetLayout(environment);
      expect(subnetLayoutProblems(value, context)).toEqual([]);
      const rows = capacityRows(value, context);
      expect(rows.map(row => row.status)).toEqual(['OK', 'OK', 'OK']);
      expect(rows[0].capacity?.usableAddresses).toBe(8187);
    },
  );

  it('reports /24 private subnets too small for production at max size, with the node count', () => {
    const context = contextOf();
    const rows = capacityRows(SLASH_24_PRIVATE, context);
    expect(rows[1]).toMatchObject({
      availabilityZone: 'eu-west-3b',
      publicSubnetCidr: '10.30.1.0/24',
      privateSubnetCidr: '10.30.33.0/24',
      status: 'runs out at 4 nodes — use a /22 or larger',
      capacity: {
        usableAddresses: 251,
        requiredAddresses: 552,
        nodesPerAvailabilityZone: 10,
        nodesThatFit: 4,
        fits: false,
      },
    });
    expect(rows[1].explanation).toContain(
      'private subnet 10.30.33.0/24 in eu-west-3b has 251 usable addresses',
    );

    const problems = subnetLayoutProblems(SLASH_24_PRIVATE, context);
    expect(problems.map(p => p.rule)).toEqual([
      'ip-capacity',
      'ip-capacity',
      'ip-capacity',
    ]);
    expect(problems[1]).toMatchObject({
      field: 'privateSubnetCidrs[1]',
      availabilityZone: 'eu-west-3b',
      message:
        'privateSubnetCidrs[1] (eu-west-3b): 10.30.33.0/24 holds 251 usable addresses, the node groups need 552 at max size (10 nodes in this AZ); it runs out at 4 nodes — use a /22 or larger',
    });
  });

  it('applies the node group sizes of the form to the capacity', () => {
    const context = contextOf({
      nodeGroupSizes: { 'app-spot': { maxSize: 45 } },
    });
    const problems = subnetLayoutProblems(SLASH_24_PRIVATE, context);
    expect(problems[0].message).toBe(
      'privateSubnetCidrs[0] (eu-west-3a): 10.30.32.0/24 holds 251 usable addresses, the node groups need 1,212 at max size (21 nodes in this AZ); it runs out at 4 nodes — use a /21 or larger',
    );
    expect(subnetLayoutProblems(presetLayout('production'), context)).toEqual(
      [],
    );
  });

  it('rejects overlapping subnets naming both fields', () => {
    const value = withSubnet(
      presetLayout('production'),
      'privateSubnetCidrs',
      0,
      '10.30.0.0/24',
    );
    const problems = subnetLayoutProblems(value, contextOf());
    expect(problems.map(p => p.message)).toContain(
      'privateSubnetCidrs[0] (eu-west-3a): subnet 10.30.0.0/24 overlaps publicSubnetCidrs[0] (10.30.0.0/24)',
    );
  });

  it('rejects a subnet outside the VPC naming the field', () => {
    const value = withSubnet(
      presetLayout('production'),
      'privateSubnetCidrs',
      2,
      '10.99.96.0/19',
    );
    expect(subnetLayoutProblems(value, contextOf())).toEqual([
      expect.objectContaining({
        field: 'privateSubnetCidrs[2]',
        key: 'privateSubnetCidrs',
        index: 2,
        rule: 'subnet-in-vpc',
        message:
          'privateSubnetCidrs[2] (eu-west-3c): subnet 10.99.96.0/19 is outside the VPC block 10.30.0.0/16',
      }),
    ]);
  });

  it('rejects a subnet count different from the number of zones', () => {
    const value = {
      ...presetLayout('production'),
      publicSubnetCidrs: ['10.30.0.0/24', '10.30.1.0/24'],
    };
    expect(
      subnetLayoutProblems(value, contextOf()).map(p => p.message),
    ).toEqual([
      'publicSubnetCidrs has 2 entries but availabilityZones has 3; give one subnet per zone, in the same order',
    ]);
  });

  it('rejects CIDR syntax mistakes naming the field', () => {
    const value = { ...presetLayout('production'), vpcCidr: '10.30.0.1/16' };
    expect(subnetLayoutProblems(value, contextOf())).toEqual([
      expect.objectContaining({
        field: 'vpcCidr',
        rule: 'cidr-host-bits',
        message:
          'vpcCidr: "10.30.0.1/16" has host bits set, did you mean 10.30.0.0/16?',
      }),
    ]);
    const typo = withSubnet(
      presetLayout('production'),
      'publicSubnetCidrs',
      1,
      '10.30.1/24',
    );
    expect(subnetLayoutProblems(typo, contextOf())[0].message).toBe(
      'publicSubnetCidrs[1] (eu-west-3b): "10.30.1/24" is not an IPv4 CIDR block such as 10.0.0.0/16',
    );
  });

  it('validates with the rest of the form taken from the context', async () => {
    const addError = jest.fn();
    await validateSubnetLayout(
      SLASH_24_PRIVATE,
      { addError } as any,
      {
        formData: {
          environment: 'production',
          location: { region: 'eu-west-3', availabilityZones: PARIS },
        },
      } as any,
    );
    expect(addError).toHaveBeenCalledTimes(3);
    expect(addError).toHaveBeenCalledWith(
      expect.stringMatching(/^privateSubnetCidrs\[2\] \(eu-west-3c\): /),
    );

    const devAddError = jest.fn();
    await validateSubnetLayout(
      presetLayout('dev'),
      { addError: devAddError } as any,
      { formData: {} } as any,
    );
    expect(devAddError).not.toHaveBeenCalled();
  });
});
