import {
  GetCostAndUsageCommand,
  GetDimensionValuesCommand,
  GetTagsCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  cluster,
  CostExplorerHarness,
  day,
  natGateway,
  nodegroup,
  startCostExplorer,
  staticInventory,
} from './testInventory';

const inventory = staticInventory({
  clusters: [
    cluster({
      nodegroups: [
        nodegroup(),
        nodegroup({ name: 'app-spot', capacityType: 'SPOT' }),
      ],
    }),
    cluster({
      accountId: '333333333333',
      name: 'dpj-prod',
      tags: { environment: 'production', 'cost-center': 'dpj-platform' },
    }),
  ],
  natGateways: [natGateway({ tags: { environment: 'dev' } })],
});

const period = { Start: day(-7), End: day(-1) };

describe('Cost Explorer dimension values, tags and accounts', () => {
  let harness: CostExplorerHarness;
  beforeAll(async () => {
    harness = await startCostExplorer(inventory, {
      managementAccountIds: ['333333333333'],
    });
  });
  afterAll(() => harness.sandbox.close());

  const values = async (
    Dimension: 'SERVICE' | 'LINKED_ACCOUNT' | 'PURCHASE_TYPE' | 'REGION',
    accessKeyId?: string,
  ) =>
    harness
      .client(accessKeyId)
      .send(new GetDimensionValuesCommand({ TimePeriod: period, Dimension }));

  it('lists the services, purchase types and regions of a period', async () => {
    const services = await values('SERVICE');
    expect(services.DimensionValues).toEqual([
      { Value: 'Amazon Elastic Compute Cloud - Compute', Attributes: {} },
      { Value: 'Amazon Elastic Kubernetes Service', Attributes: {} },
      { Value: 'EC2 - Other', Attributes: {} },
    ]);
    expect(services).toMatchObject({ ReturnSize: 3, TotalSize: 3 });
    expect(
      (await values('PURCHASE_TYPE')).DimensionValues?.map(v => v.Value),
    ).toEqual(['On Demand Instances', 'Spot Instances']);
    expect((await values('REGION')).DimensionValues?.map(v => v.Value)).toEqual(
      ['eu-west-3'],
    );
  });

  it('shows an account only its own costs, and a management account all of them', async () => {
    expect((await values('LINKED_ACCOUNT')).DimensionValues).toEqual([
      { Value: '111111111111', Attributes: { description: 'dpj-dev' } },
    ]);
    expect(
      (await values('LINKED_ACCOUNT', 'AKIDSANDBOXPROD')).DimensionValues,
    ).toEqual([
      { Value: '111111111111', Attributes: { description: 'dpj-dev' } },
      { Value: '333333333333', Attributes: { description: 'dpj-prod' } },
    ]);
    const byAccount = await harness.client('AKIDSANDBOXPROD').send(
      new GetCostAndUsageCommand({
        TimePeriod: period,
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
      }),
    );
    expect(byAccount.DimensionValueAttributes).toEqual([
      { Value: '111111111111', Attributes: { description: 'dpj-dev' } },
      { Value: '333333333333', Attributes: { description: 'dpj-prod' } },
    ]);
    const staging = await harness.client('AKIDSANDBOXSTAGING').send(
      new GetCostAndUsageCommand({
        TimePeriod: period,
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
      }),
    );
    expect(staging.ResultsByTime?.[0].Total?.UnblendedCost.Amount).toBe('0');
  });

  it('searches and pages dimension values', async () => {
    const first = await harness.client().send(
      new GetDimensionValuesCommand({
        TimePeriod: period,
        Dimension: 'SERVICE',
        SearchString: 'amazon',
        MaxResults: 1,
      }),
    );
    expect(first.DimensionValues?.map(v => v.Value)).toEqual([
      'Amazon Elastic Compute Cloud - Compute',
    ]);
    expect(first).toMatchObject({ ReturnSize: 1, TotalSize: 2 });
    const second = await harness.client().send(
      new GetDimensionValuesCommand({
        TimePeriod: period,
        Dimension: 'SERVICE',
        SearchString: 'amazon',
        MaxResults: 1,
        NextPageToken: first.NextPageToken,
      }),
    );
    expect(second.DimensionValues?.map(v => v.Value)).toEqual([
      'Amazon Elastic Kubernetes Service',
    ]);
    expect(second.NextPageToken).toBeUndefined();
  });

  it('lists tag keys, and the values of one key', async () => {
    const keys = await harness
      .client('AKIDSANDBOXPROD')
      .send(new GetTagsCommand({ TimePeriod: period }));
    expect(keys.Tags).toEqual([
      'cost-center',
      'eks:cluster-name',
      'eks:nodegroup-name',
      'environment',
      'project',
    ]);
    expect(keys).toMatchObject({ ReturnSize: 5, TotalSize: 5 });
    const environments = await harness
      .client('AKIDSANDBOXPROD')
      .send(new GetTagsCommand({ TimePeriod: period, TagKey: 'environment' }));
    expect(environments.Tags).toEqual(['dev', 'production']);
    const nodegroups = await harness.client().send(
      new GetTagsCommand({
        TimePeriod: period,
        TagKey: 'eks:nodegroup-name',
        SearchString: 'SPOT',
      }),
    );
    expect(nodegroups.Tags).toEqual(['app-spot']);
  });

  it('refuses a dimension it does not know', async () => {
    await expect(
      harness.client().send(
        new GetDimensionValuesCommand({
          TimePeriod: period,
          Dimension: 'NOT_A_DIMENSION' as 'SERVICE',
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(
        /^Dimension NOT_A_DIMENSION is invalid\. Valid values are AZ, /,
      ),
    });
  });
});
