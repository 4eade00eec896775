import {
  GetCostAndUsageCommand,
  GetCostAndUsageCommandInput,
  GetCostAndUsageCommandOutput,
  ResultByTime,
} from '@aws-sdk/client-cost-explorer';
import {
  amount,
  cluster,
  CostExplorerHarness,
  day,
  dayStart,
  natGateway,
  nodegroup,
  startCostExplorer,
  staticInventory,
} from './testInventory';

const inventory = staticInventory({
  clusters: [
    cluster({
      createdAt: dayStart(-200),
      nodegroups: [nodegroup({ createdAt: dayStart(-200) })],
    }),
  ],
  natGateways: [natGateway({ createdAt: dayStart(-200) })],
});

async function allPages(
  harness: CostExplorerHarness,
  input: GetCostAndUsageCommandInput,
): Promise<GetCostAndUsageCommandOutput[]> {
  const pages: GetCostAndUsageCommandOutput[] = [];
  let token: string | undefined;
  do {
    const page = await harness
      .client()
      .send(new GetCostAndUsageCommand({ ...input, NextPageToken: token }));
    pages.push(page);
    token = page.NextPageToken;
  } while (token);
  return pages;
}

function totalOf(results: ResultByTime[]): number {
  return results.reduce(
    (sum, result) =>
      sum +
      (result.Total?.UnblendedCost ? amount(result.Total.UnblendedCost) : 0) +
      (result.Groups ?? []).reduce(
        (groups, group) => groups + amount(group.Metrics?.UnblendedCost),
        0,
      ),
    0,
  );
}

describe('Cost Explorer pagination', () => {
  const period = { Start: day(-90), End: day(0) };

  describe('with the default page sizes', () => {
    let harness: CostExplorerHarness;
    beforeAll(async () => {
      harness = await startCostExplorer(inventory);
    });
    afterAll(() => harness.sandbox.close());

    it('returns 40 days per page and reassembles the monthly total', async () => {
      const pages = await allPages(harness, {
        TimePeriod: period,
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
      });
      expect(pages.map(page => page.ResultsByTime?.length)).toEqual([
        40, 40, 10,
      ]);
      const days = pages.flatMap(page => page.ResultsByTime ?? []);
      expect(days[0].TimePeriod?.Start).toBe(day(-90));
      expect(days[89].TimePeriod?.Start).toBe(day(-1));
      const monthly = await harness.client().send(
        new GetCostAndUsageCommand({
          TimePeriod: period,
          Granularity: 'MONTHLY',
          Metrics: ['UnblendedCost'],
        }),
      );
      expect(monthly.NextPageToken).toBeUndefined();
      expect(totalOf(days)).toBeCloseTo(
        totalOf(monthly.ResultsByTime ?? []),
        6,
      );
    });

    it('refuses a token that is not one, and a token replayed with other parameters', async () => {
      const input: GetCostAndUsageCommandInput = {
        TimePeriod: period,
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
      };
      await expect(
        harness.client().send(
          new GetCostAndUsageCommand({
            ...input,
            NextPageToken: 'not-a-token',
          }),
        ),
      ).rejects.toMatchObject({
        name: 'InvalidNextTokenException',
        message:
          'The pagination token is invalid. Try again without a pagination token.',
        $metadata: { httpStatusCode: 400 },
      });
      const first = await harness
        .client()
        .send(new GetCostAndUsageCommand(input));
      await expect(
        harness.client().send(
          new GetCostAndUsageCommand({
            ...input,
            Metrics: ['BlendedCost'],
            NextPageToken: first.NextPageToken,
          }),
        ),
      ).rejects.toMatchObject({
        name: 'RequestChangedException',
        $metadata: { httpStatusCode: 400 },
      });
    });
  });

  describe('with small group pages', () => {
    let harness: CostExplorerHarness;
    beforeAll(async () => {
      harness = await startCostExplorer(inventory, { groupsPerPage: 4 });
    });
    afterAll(() => harness.sandbox.close());

    it('splits the groups of one period across pages under the same TimePeriod', async () => {
      const input: GetCostAndUsageCommandInput = {
        TimePeriod: { Start: day(-5), End: day(-2) },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
      };
      const pages = await allPages(harness, input);
      // 3 days × 5 usage types = 15 groups, 4 per page.
      expect(pages).toHaveLength(4);
      expect(pages[0].ResultsByTime?.map(r => r.Groups?.length)).toEqual([4]);
      expect(pages[1].ResultsByTime?.map(r => r.TimePeriod?.Start)).toEqual([
        day(-5),
        day(-4),
      ]);
      const reassembled = new Map<string, string[]>();
      for (const result of pages.flatMap(page => page.ResultsByTime ?? [])) {
        const start = result.TimePeriod?.Start as string;
        reassembled.set(start, [
          ...(reassembled.get(start) ?? []),
          ...(result.Groups ?? []).map(group => group.Keys?.[0] as string),
        ]);
      }
      expect([...reassembled.keys()]).toEqual([day(-5), day(-4), day(-3)]);
      expect(reassembled.get(day(-4))).toEqual([
        'EUW3-AmazonEKS-Hours:perCluster',
        'EUW3-BoxUsage:c5.xlarge',
        'EUW3-EBS:VolumeUsage.gp3',
        'EUW3-NatGateway-Bytes',
        'EUW3-NatGateway-Hours',
      ]);
      const ungrouped = await harness
        .client()
        .send(new GetCostAndUsageCommand({ ...input, GroupBy: undefined }));
      expect(
        totalOf(pages.flatMap(page => page.ResultsByTime ?? [])),
      ).toBeCloseTo(totalOf(ungrouped.ResultsByTime ?? []), 6);
    });
  });
});
