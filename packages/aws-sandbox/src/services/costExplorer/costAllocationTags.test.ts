import {
  GetCostAndUsageCommand,
  ListCostAllocationTagsCommand,
  UpdateCostAllocationTagsStatusCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  cluster,
  CostExplorerHarness,
  day,
  dayStart,
  nodegroup,
  startCostExplorer,
  staticInventory,
} from './testInventory';

const payments = cluster({
  name: 'payments',
  createdAt: dayStart(-10),
  tags: { environment: 'production', team: 'payments' },
  nodegroups: [nodegroup({ createdAt: dayStart(-10) })],
});

describe('Cost Explorer cost allocation tags', () => {
  let harness: CostExplorerHarness;
  beforeAll(async () => {
    harness = await startCostExplorer(
      staticInventory({ clusters: [payments], natGateways: [] }),
    );
  });
  afterAll(() => harness.sandbox.close());

  const byTag = async (key: string) => {
    const output = await harness.client().send(
      new GetCostAndUsageCommand({
        TimePeriod: { Start: day(-7), End: day(-6) },
        Granularity: 'DAILY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'TAG', Key: key }],
      }),
    );
    return output.ResultsByTime?.[0].Groups?.map(g => g.Keys?.[0]);
  };

  it('lists the keys on resources with their status: only activated ones are Active', async () => {
    const { CostAllocationTags = [] } = await harness
      .client()
      .send(new ListCostAllocationTagsCommand({}));
    const status = Object.fromEntries(
      CostAllocationTags.map(t => [t.TagKey, `${t.Type}/${t.Status}`]),
    );
    expect(status).toMatchObject({
      environment: 'UserDefined/Active',
      'eks:nodegroup-name': 'UserDefined/Active',
      team: 'UserDefined/Inactive',
    });
    const inactive = await harness
      .client()
      .send(new ListCostAllocationTagsCommand({ Status: 'Inactive' }));
    expect(inactive.CostAllocationTags?.map(t => t.TagKey)).toContain('team');
  });

  it('leaves the costs of an inactive tag untagged, until the tag is activated', async () => {
    expect(await byTag('environment')).toEqual(['environment$production']);
    // Cost Explorer groups everything under the empty value of an inactive key.
    expect(await byTag('team')).toEqual(['team$']);

    await harness.client().send(
      new UpdateCostAllocationTagsStatusCommand({
        CostAllocationTagsStatus: [{ TagKey: 'team', Status: 'Active' }],
      }),
    );
    expect(await byTag('team')).toEqual(['team$payments']);
  });
});
