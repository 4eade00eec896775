import {
  GetCostAndUsageCommand,
  GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import {
  amount,
  cluster,
  CostExplorerHarness,
  day,
  dayStart,
  HOUR,
  hoursInMonth,
  natGateway,
  nodegroup,
  startCostExplorer,
  staticInventory,
} from './testInventory';

const production = cluster({
  name: 'dpj-prod',
  createdAt: dayStart(-10),
  tags: { environment: 'production', project: 'dpj' },
  nodegroups: [
    nodegroup({ createdAt: dayStart(-10), tags: { role: 'application' } }),
    nodegroup({
      name: 'app-spot',
      capacityType: 'SPOT',
      desiredSize: 1,
      diskSizeGiB: 20,
      createdAt: dayStart(-10),
    }),
  ],
});
// Created at 06:00 five days ago, deleted at 12:00 three days ago.
const shortLived = cluster({
  name: 'short-lived',
  createdAt: dayStart(-5) + 6 * HOUR,
  deletedAt: dayStart(-3) + 12 * HOUR,
  tags: { environment: 'staging' },
});
const untaggedNat = natGateway({ createdAt: dayStart(-10) });
const inventory = staticInventory({
  clusters: [production, shortLived],
  natGateways: [untaggedNat],
});

describe('Cost Explorer GetCostAndUsage', () => {
  let harness: CostExplorerHarness;
  beforeAll(async () => {
    harness = await startCostExplorer(inventory);
  });
  afterAll(() => harness.sandbox.close());

  const send = (input: Partial<GetCostAndUsageCommand['input']>) =>
    harness.client().send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: day(-7), End: day(-6) },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        ...input,
      }),
    );

  const groupAmounts = (
    output: GetCostAndUsageCommandOutput,
    metric = 'UnblendedCost',
  ) =>
    Object.fromEntries(
      (output.ResultsByTime?.[0].Groups ?? []).map(group => [
        group.Keys?.join(' | '),
        amount(group.Metrics?.[metric]),
      ]),
    );

  it('costs one full day of a cluster and its on-demand group from the price table', async () => {
    const output = await send({
      Filter: {
        Tags: { Key: 'eks:nodegroup-name', Values: ['app-on-demand'] },
      },
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    expect(output.$metadata.httpStatusCode).toBe(200);
    expect(output.GroupDefinitions).toEqual([
      { Type: 'DIMENSION', Key: 'SERVICE' },
    ]);
    const groups = output.ResultsByTime?.[0].Groups ?? [];
    // 2 nodes × 24 h × $0.202 (c5.xlarge, Paris).
    expect(groups[0]).toEqual({
      Keys: ['Amazon Elastic Compute Cloud - Compute'],
      Metrics: { UnblendedCost: { Amount: '9.696', Unit: 'USD' } },
    });
    // 2 nodes × 50 GiB gp3 at $0.0928 per GB-month, for 24 h of the month.
    expect(groups[1].Keys).toEqual(['EC2 - Other']);
    expect(amount(groups[1].Metrics?.UnblendedCost)).toBeCloseTo(
      (100 * 0.0928 * 24) / hoursInMonth(-7),
      9,
    );
    const controlPlane = await send({
      Filter: {
        Dimensions: {
          Key: 'SERVICE',
          Values: ['Amazon Elastic Kubernetes Service'],
        },
      },
      GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
      Metrics: ['UnblendedCost', 'UsageQuantity'],
    });
    // Only dpj-prod exists on that day: 24 h × $0.10.
    expect(controlPlane.ResultsByTime?.[0].Groups).toEqual([
      {
        Keys: ['EUW3-AmazonEKS-Hours:perCluster'],
        Metrics: {
          UnblendedCost: { Amount: '2.4', Unit: 'USD' },
          UsageQuantity: { Amount: '24', Unit: 'Hrs' },
        },
      },
    ]);
  });

  it('costs the hours of a cluster created mid-day and stops once it is deleted', async () => {
    const output = await send({
      TimePeriod: { Start: day(-6), End: day(-1) },
      Filter: { Tags: { Key: 'environment', Values: ['staging'] } },
      Metrics: ['UnblendedCost', 'UsageQuantity'],
    });
    const totals = (output.ResultsByTime ?? []).map(result => [
      result.TimePeriod?.Start,
      result.Total?.UnblendedCost.Amount,
      result.Total?.UsageQuantity.Amount,
    ]);
    expect(totals).toEqual([
      [day(-6), '0', '0'],
      [day(-5), '1.8', '18'],
      [day(-4), '2.4', '24'],
      [day(-3), '1.2', '12'],
      [day(-2), '0', '0'],
    ]);
    expect(output.ResultsByTime?.[0].Total?.UsageQuantity.Unit).toBe('N/A');
    expect(output.ResultsByTime?.[1].Groups).toEqual([]);
  });

  it('makes monthly and daily totals agree over a month boundary', async () => {
    const period = { Start: day(-40), End: day(0) };
    const daily = await send({ TimePeriod: period, Granularity: 'DAILY' });
    const monthly = await send({ TimePeriod: period, Granularity: 'MONTHLY' });
    const sum = (output: GetCostAndUsageCommandOutput) =>
      (output.ResultsByTime ?? []).reduce(
        (total, result) => total + amount(result.Total?.UnblendedCost),
        0,
      );
    expect(daily.ResultsByTime).toHaveLength(40);
    expect(monthly.ResultsByTime?.length).toBeGreaterThanOrEqual(2);
    expect(monthly.ResultsByTime?.[0].TimePeriod?.Start).toBe(day(-40));
    expect(sum(daily)).toBeGreaterThan(100);
    expect(sum(monthly)).toBeCloseTo(sum(daily), 6);
  });

  it('groups by purchase type with spot at 30–36 % of on-demand', async () => {
    const output = await send({
      Filter: {
        Dimensions: {
          Key: 'SERVICE',
          Values: ['Amazon Elastic Compute Cloud - Compute'],
        },
      },
      GroupBy: [{ Type: 'DIMENSION', Key: 'PURCHASE_TYPE' }],
    });
    const amounts = groupAmounts(output);
    expect(Object.keys(amounts)).toEqual([
      'On Demand Instances',
      'Spot Instances',
    ]);
    expect(amounts['On Demand Instances']).toBeCloseTo(9.696, 9);
    // 1 spot node × 24 h × $0.202 × the day's spot share.
    expect(amounts['Spot Instances']).toBeGreaterThanOrEqual(24 * 0.202 * 0.3);
    expect(amounts['Spot Instances']).toBeLessThanOrEqual(24 * 0.202 * 0.36);
  });

  it('groups by tag with AWS keys, "<key>$" for untagged resources', async () => {
    const output = await send({
      GroupBy: [{ Type: 'TAG', Key: 'environment' }],
    });
    const amounts = groupAmounts(output);
    expect(Object.keys(amounts)).toEqual([
      'environment$',
      'environment$production',
    ]);
    // The NAT gateway alone is untagged: 24 h × $0.048 plus its processed gigabytes.
    expect(amounts.environment$).toBeGreaterThan(24 * 0.048 + 5 * 0.048 - 1e-9);
    expect(amounts.environment$).toBeLessThan(24 * 0.048 + 15 * 0.048);
    expect(output.ResultsByTime?.[0].Total).toEqual({});
  });

  it('groups by two keys and adds eks tags to node costs only', async () => {
    const output = await send({
      GroupBy: [
        { Type: 'DIMENSION', Key: 'SERVICE' },
        { Type: 'TAG', Key: 'eks:nodegroup-name' },
      ],
    });
    expect(Object.keys(groupAmounts(output))).toEqual([
      'Amazon Elastic Compute Cloud - Compute | eks:nodegroup-name$app-on-demand',
      'Amazon Elastic Compute Cloud - Compute | eks:nodegroup-name$app-spot',
      'Amazon Elastic Kubernetes Service | eks:nodegroup-name$',
      'EC2 - Other | eks:nodegroup-name$',
      'EC2 - Other | eks:nodegroup-name$app-on-demand',
      'EC2 - Other | eks:nodegroup-name$app-spot',
    ]);
  });

  it('filters with And, Not and Tags', async () => {
    const output = await send({
      Filter: {
        And: [
          { Tags: { Key: 'environment', Values: ['production'] } },
          {
            Not: {
              Dimensions: { Key: 'PURCHASE_TYPE', Values: ['Spot Instances'] },
            },
          },
          {
            Not: {
              Tags: { Key: 'eks:nodegroup-name', MatchOptions: ['ABSENT'] },
            },
          },
        ],
      },
      GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
    });
    expect(Object.keys(groupAmounts(output))).toEqual([
      'EUW3-BoxUsage:c5.xlarge',
      'EUW3-EBS:VolumeUsage.gp3',
    ]);
    const untagged = await send({
      Filter: { Tags: { Key: 'environment', MatchOptions: ['ABSENT'] } },
      GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
    });
    expect(Object.keys(groupAmounts(untagged))).toEqual([
      'EUW3-NatGateway-Bytes',
      'EUW3-NatGateway-Hours',
    ]);
  });

  it('flags today and yesterday as estimated, and the month that contains them', async () => {
    const daily = await send({ TimePeriod: { Start: day(-3), End: day(1) } });
    expect(daily.ResultsByTime?.map(result => result.Estimated)).toEqual([
      false,
      false,
      true,
      true,
    ]);
    const today = new Date(dayStart(0));
    const monthStart = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1),
    );
    const previousMonthStart = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1),
    );
    const monthly = await send({
      TimePeriod: {
        Start: previousMonthStart.toISOString().slice(0, 10),
        End: day(1),
      },
      Granularity: 'MONTHLY',
    });
    expect(monthly.ResultsByTime?.map(result => result.Estimated)).toEqual([
      // Yesterday still belongs to the previous month on the 1st.
      today.getUTCDate() === 1,
      true,
    ]);
    expect(monthly.ResultsByTime?.[1].TimePeriod?.Start).toBe(
      monthStart.toISOString().slice(0, 10),
    );
  });

  it('answers identically from two services built on the same inventory', async () => {
    const other = await startCostExplorer(inventory);
    try {
      const input = {
        TimePeriod: { Start: day(-60), End: day(-1) },
        Granularity: 'DAILY' as const,
        Metrics: ['UnblendedCost', 'BlendedCost', 'UsageQuantity'],
        GroupBy: [{ Type: 'DIMENSION' as const, Key: 'USAGE_TYPE' }],
      };
      const first = await harness
        .client()
        .send(new GetCostAndUsageCommand(input));
      const second = await other
        .client()
        .send(new GetCostAndUsageCommand(input));
      expect(second.ResultsByTime).toEqual(first.ResultsByTime);
      expect(second.NextPageToken).toEqual(first.NextPageToken);
      expect(first.ResultsByTime).toHaveLength(59);
      expect(first.NextPageToken).toBeUndefined();
    } finally {
      await other.sandbox.close();
    }
  });
});
