import { GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import {
  amount,
  cluster,
  CostExplorerHarness,
  dayStart,
  natGateway,
  nodegroup,
  startCostExplorer,
  staticInventory,
} from './testInventory';

function firstOfMonth(monthsFromNow: number): string {
  const now = new Date();
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + monthsFromNow, 1),
  )
    .toISOString()
    .slice(0, 10);
}

// Like a seeded environment: created about 400 days ago and running since.
const seeded = staticInventory({
  clusters: [
    cluster({
      createdAt: dayStart(-400),
      version: '1.35',
      nodegroups: [
        nodegroup({
          name: 'system',
          instanceTypes: ['t3.large'],
          createdAt: dayStart(-400),
        }),
        nodegroup({ createdAt: dayStart(-400) }),
        nodegroup({
          name: 'app-spot',
          capacityType: 'SPOT',
          createdAt: dayStart(-400),
        }),
      ],
    }),
  ],
  natGateways: [natGateway({ createdAt: dayStart(-400) })],
});

describe('Cost Explorer history of a seeded environment', () => {
  let harness: CostExplorerHarness;
  beforeAll(async () => {
    harness = await startCostExplorer(seeded);
  });
  afterAll(() => harness.sandbox.close());

  it('reports 14 months, ramping up in the month the environment appeared', async () => {
    const input = {
      TimePeriod: { Start: firstOfMonth(-13), End: firstOfMonth(1) },
      Granularity: 'MONTHLY' as const,
      Metrics: [
        'UnblendedCost',
        'AmortizedCost',
        'NetUnblendedCost',
        'UsageQuantity',
      ],
    };
    const output = await harness
      .client()
      .send(new GetCostAndUsageCommand(input));
    const months = output.ResultsByTime ?? [];
    expect(months).toHaveLength(14);
    const costs = months.map(month => amount(month.Total?.UnblendedCost));
    // A full day: control plane, 2 t3.large, 2 c5.xlarge, 2 spot c5.xlarge at 30–36 %,
    // 3 × 100 GiB gp3 (a month of them costs $27.84), a NAT gateway and 5–15 GB through it.
    const fixedPerDay = 2.4 + 48 * 0.0944 + 48 * 0.202 + 24 * 0.048;
    const lowPerDay = fixedPerDay + 48 * 0.202 * 0.3 + 5 * 0.048;
    const highPerDay = fixedPerDay + 48 * 0.202 * 0.36 + 15 * 0.048;
    costs.slice(1, 13).forEach(cost => {
      expect(cost).toBeGreaterThan(28 * lowPerDay + 300 * 0.0928);
      expect(cost).toBeLessThan(31 * highPerDay + 300 * 0.0928);
    });
    expect(costs[0]).toBeLessThan(costs[1]);
    months.forEach(month => {
      expect(month.Total?.AmortizedCost).toEqual(month.Total?.UnblendedCost);
      expect(month.Total?.NetUnblendedCost).toEqual(month.Total?.UnblendedCost);
      expect(month.Total?.UsageQuantity.Unit).toBe('N/A');
    });
    const again = await harness
      .client()
      .send(new GetCostAndUsageCommand(input));
    // The current month still accrues between the two calls; closed months do not move.
    expect(again.ResultsByTime?.slice(0, 13)).toEqual(months.slice(0, 13));
  });
});
