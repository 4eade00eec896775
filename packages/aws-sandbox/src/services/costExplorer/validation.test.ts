import {
  GetCostAndUsageCommand,
  GetCostAndUsageCommandInput,
  GetCostCategoriesCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  cluster,
  CostExplorerHarness,
  day,
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

describe('Cost Explorer input errors', () => {
  let harness: CostExplorerHarness;
  beforeAll(async () => {
    harness = await startCostExplorer(
      staticInventory({ clusters: [cluster()] }),
    );
  });
  afterAll(() => harness.sandbox.close());

  const valid: GetCostAndUsageCommandInput = {
    TimePeriod: { Start: day(-3), End: day(-1) },
    Granularity: 'DAILY',
    Metrics: ['UnblendedCost'],
  };
  const send = (input: Partial<GetCostAndUsageCommandInput>) =>
    harness.client().send(new GetCostAndUsageCommand({ ...valid, ...input }));

  it.each([
    [
      'Start equal to End',
      { TimePeriod: { Start: day(-2), End: day(-2) } },
      'Start date (and hour) should be before end date (and hour)',
    ],
    [
      'Start after End',
      { TimePeriod: { Start: day(-1), End: day(-3) } },
      'Start date (and hour) should be before end date (and hour)',
    ],
    [
      'a Start that is no date',
      { TimePeriod: { Start: '2026-02-30', End: day(-1) } },
      'Start time 2026-02-30 is invalid. Valid format is: yyyy-MM-dd.',
    ],
    [
      'an End past the beginning of next month',
      { TimePeriod: { Start: day(-3), End: firstOfMonth(2) } },
      'end date past the beginning of next month',
    ],
    [
      'HOURLY granularity',
      { Granularity: 'HOURLY' as const },
      'Hourly granularity is not enabled for this account. Enable hourly granularity in the Cost Explorer preferences',
    ],
    [
      'an unknown metric',
      { Metrics: ['UnblendedCost', 'TotalCost'] },
      'Metrics are invalid: [TotalCost]. Valid values are AmortizedCost, BlendedCost, NetAmortizedCost, NetUnblendedCost, NormalizedUsageAmount, UnblendedCost, UsageQuantity',
    ],
    ['no metric', { Metrics: [] }, 'Metrics must be specified'],
    [
      'three GroupBy',
      {
        GroupBy: [
          { Type: 'DIMENSION' as const, Key: 'SERVICE' },
          { Type: 'DIMENSION' as const, Key: 'REGION' },
          { Type: 'TAG' as const, Key: 'environment' },
        ],
      },
      'Only two values for GroupBy are allowed',
    ],
    [
      'a GroupBy without key',
      { GroupBy: [{ Type: 'DIMENSION' as const }] },
      'Group Definition is invalid. Both type an key need to be set to a non-empty value.',
    ],
    [
      'a GroupBy of an unknown type',
      { GroupBy: [{ Type: 'LINKED_ACCOUNT' as 'TAG', Key: 'x' }] },
      'Group Definition type is invalid.',
    ],
    [
      'a GroupBy on an unknown dimension',
      { GroupBy: [{ Type: 'DIMENSION' as const, Key: 'RESOURCE' }] },
      /^Group Definition dimension is invalid\. Valid values are AZ, INSTANCE_TYPE, LINKED_ACCOUNT/,
    ],
    [
      'a GroupBy on a dimension the sandbox does not model',
      { GroupBy: [{ Type: 'DIMENSION' as const, Key: 'AZ' }] },
      /^aws-sandbox does not model the AZ dimension/,
    ],
    [
      'a filter with two roots',
      {
        Filter: {
          Dimensions: { Key: 'SERVICE' as const, Values: ['EC2 - Other'] },
          Tags: { Key: 'environment', Values: ['dev'] },
        },
      },
      'Expression has zero or more than one roots. Only one root operator is allowed for each expression: "and", "or", "not", "tag" or "dimensionValue"',
    ],
    [
      'a nested filter with no root',
      { Filter: { Not: {} } },
      /^Expression has zero or more than one roots/,
    ],
    [
      'an And with a single operand',
      { Filter: { And: [{ Tags: { Key: 'environment', Values: ['dev'] } }] } },
      'And expression must have at least 2 operands',
    ],
  ])('refuses %s with ValidationException', async (_case, input, message) => {
    await expect(send(input)).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(
        message instanceof RegExp
          ? message
          : `^${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
      ),
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('says data older than 14 months is unavailable', async () => {
    await expect(
      send({
        TimePeriod: { Start: firstOfMonth(-14), End: day(-1) },
        Granularity: 'MONTHLY',
      }),
    ).rejects.toMatchObject({
      name: 'DataUnavailableException',
      message: expect.stringMatching(/^Data is not available\./),
      $metadata: { httpStatusCode: 400 },
    });
    const oldest = await harness.client().send(
      new GetCostAndUsageCommand({
        ...valid,
        TimePeriod: { Start: firstOfMonth(-13), End: firstOfMonth(-12) },
        Granularity: 'MONTHLY',
      }),
    );
    expect(oldest.ResultsByTime?.[0].Total?.UnblendedCost).toEqual({
      Amount: '0',
      Unit: 'USD',
    });
  });

  it('answers throttling with LimitExceededException', async () => {
    harness.sandbox.context.faults.script({
      service: 'ce',
      operation: 'GetCostAndUsage',
      code: 'LimitExceededException',
      message: 'Rate exceeded',
    });
    await expect(send({})).rejects.toMatchObject({
      name: 'LimitExceededException',
      $metadata: { httpStatusCode: 400 },
    });
    harness.sandbox.context.faults.configure({ throttleRate: 1 });
    try {
      await expect(send({})).rejects.toMatchObject({
        name: 'LimitExceededException',
      });
    } finally {
      harness.sandbox.context.faults.reset();
    }
  });

  it('says loudly which operation it does not emulate', async () => {
    await expect(
      harness
        .client()
        .send(new GetCostCategoriesCommand({ TimePeriod: valid.TimePeriod })),
    ).rejects.toMatchObject({
      name: 'UnknownOperationException',
      message:
        'aws-sandbox does not emulate the Cost Explorer operation GetCostCategories',
    });
  });
});
