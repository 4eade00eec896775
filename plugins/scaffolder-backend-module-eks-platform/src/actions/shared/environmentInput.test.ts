import { validateEnvironmentInput } from './environmentInput';

const TODAY = new Date('2026-11-26T12:00:00Z');
const BASE = {
  environment: 'production' as const,
  owner: 'group:default/platform-team',
  account: '333333333333',
  name: 'acme-prod',
};

function problemsOf(input: Record<string, unknown>): string {
  try {
    validateEnvironmentInput({ ...BASE, ...input } as any, { today: TODAY });
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('validateEnvironmentInput: the form fields of the environment template', () => {
  it('takes the zones, address plan and node group sizes the form chose', () => {
    const spec = validateEnvironmentInput(
      {
        ...BASE,
        region: 'eu-central-1',
        availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'],
        network: {
          vpcCidr: '10.40.0.0/16',
          publicSubnetCidrs: ['10.40.0.0/24', '10.40.1.0/24', '10.40.2.0/24'],
          privateSubnetCidrs: [
            '10.40.32.0/19',
            '10.40.64.0/19',
            '10.40.96.0/19',
          ],
        },
        nodeGroupSizes: { 'app-spot': { maxSize: 12 }, system: {} },
      },
      { today: TODAY },
    );
    expect(spec.availabilityZones).toEqual([
      'eu-central-1a',
      'eu-central-1b',
      'eu-central-1c',
    ]);
    expect(spec.network).toMatchObject({
      vpcCidr: '10.40.0.0/16',
      privateSubnetCidrs: ['10.40.32.0/19', '10.40.64.0/19', '10.40.96.0/19'],
      // The preset's resilience choice stays.
      natGateways: 'one-per-az',
    });
    const sizes = Object.fromEntries(
      spec.nodeGroups.map(g => [g.name, [g.minSize, g.desiredSize, g.maxSize]]),
    );
    expect(sizes).toEqual({
      system: [3, 3, 6],
      'app-on-demand': [3, 3, 10],
      'app-spot': [0, 3, 12],
    });
  });

  it.each([
    [
      'an availability zone of another region',
      { availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-1c'] },
      /availabilityZones\[2\]/,
    ],
    [
      'a private subnet outside the VPC',
      {
        network: {
          vpcCidr: '10.40.0.0/16',
          publicSubnetCidrs: ['10.40.0.0/24', '10.40.1.0/24', '10.40.2.0/24'],
          privateSubnetCidrs: [
            '10.40.32.0/19',
            '10.40.64.0/19',
            '10.50.0.0/19',
          ],
        },
      },
      /network\.privateSubnetCidrs\[2\]/,
    ],
    [
      'private subnets too small for the node groups (ADR-0007 /24)',
      {
        network: {
          vpcCidr: '10.40.0.0/16',
          publicSubnetCidrs: ['10.40.0.0/24', '10.40.1.0/24', '10.40.2.0/24'],
          privateSubnetCidrs: [
            '10.40.10.0/24',
            '10.40.11.0/24',
            '10.40.12.0/24',
          ],
        },
      },
      /network\.privateSubnetCidrs\[0\]/,
    ],
    [
      'a size for a node group the preset does not have',
      { nodeGroupSizes: { workers: { maxSize: 3 } } },
      /nodeGroupSizes\.workers: the production preset has no node group 'workers' \(it has system, app-on-demand, app-spot\)/,
    ],
    [
      'a minimum above the maximum',
      { nodeGroupSizes: { 'app-on-demand': { minSize: 8, maxSize: 4 } } },
      /nodeGroups\[1\]/,
    ],
  ])('rejects %s, naming the field', (_case, input, field) => {
    expect(problemsOf(input)).toMatch(field);
  });
});
