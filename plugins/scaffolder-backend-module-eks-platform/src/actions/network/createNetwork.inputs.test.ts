import { actionContext } from '../__testUtils__/sandboxActionFixture';
import {
  DEV_INPUT,
  networkAction,
  PRODUCTION_INPUT,
} from './__testUtils__/networkTestUtils';

const LOG_GROUP =
  'arn:aws:logs:eu-west-3:333333333333:log-group:/dpj/vpc-flow-logs';

/** [what is wrong, input changes, field paths the error must name]. */
const BAD_INPUTS: [string, Record<string, unknown>, string[]][] = [
  ['an account of 4 digits', { account: '1234' }, ['account']],
  ['an account with letters', { account: '33333333333a' }, ['account']],
  ['an owner that is not a group', { owner: 'platform-team' }, ['owner']],
  ['a user as owner', { owner: 'user:default/jdoe' }, ['owner']],
  ['a name EKS would refuse', { name: 'Bad_Name!' }, ['name']],
  ['a name too short', { name: 'ab' }, ['name']],
  ['a name ending with a hyphen', { name: 'dpj-prod-' }, ['name']],
  ['Paris called eu-west-1', { region: 'eu-west-1 (Paris)' }, ['region']],
  ['an unknown region', { region: 'mars-north-1' }, ['region']],
  [
    'Kubernetes 1.28 (ADR-0007)',
    { kubernetesVersion: '1.28' },
    ['kubernetesVersion'],
  ],
  ['a patch version', { kubernetesVersion: '1.35.0' }, ['kubernetesVersion']],
  [
    'a v-prefixed version',
    { kubernetesVersion: 'v1.35' },
    ['kubernetesVersion'],
  ],
  ['an unknown preset', { environment: 'qa' }, ['environment']],
  [
    'rollbackOnFailure as text',
    { rollbackOnFailure: 'yes' },
    ['rollbackOnFailure'],
  ],
  [
    'waitForNatGateways as text',
    { waitForNatGateways: 'no' },
    ['waitForNatGateways'],
  ],
  ['a missing owner', { owner: undefined }, ['owner']],
  [
    'no flow log destination',
    { flowLogDestinationArn: undefined, flowLogDeliveryRoleArn: undefined },
    ['flowLogDestinationArn'],
  ],
  [
    'a flow log destination that is no ARN',
    { flowLogDestinationArn: '/dpj/vpc-flow-logs' },
    ['flowLogDestinationArn'],
  ],
  [
    'a log group in another region',
    {
      flowLogDestinationArn:
        'arn:aws:logs:eu-west-1:333333333333:log-group:/dpj/vpc-flow-logs',
    },
    ['flowLogDestinationArn'],
  ],
  [
    'a log group of another account',
    {
      flowLogDestinationArn:
        'arn:aws:logs:eu-west-3:111111111111:log-group:/dpj/vpc-flow-logs',
    },
    ['flowLogDestinationArn'],
  ],
  [
    'a log group name with a space',
    {
      flowLogDestinationArn:
        'arn:aws:logs:eu-west-3:333333333333:log-group:dpj flow logs',
    },
    ['flowLogDestinationArn'],
  ],
  [
    'a log group without its delivery role',
    { flowLogDeliveryRoleArn: undefined },
    ['flowLogDeliveryRoleArn'],
  ],
  [
    'a delivery role that is a user',
    { flowLogDeliveryRoleArn: 'arn:aws:iam::333333333333:user/flow-logs' },
    ['flowLogDeliveryRoleArn'],
  ],
  [
    'a delivery role of another account',
    { flowLogDeliveryRoleArn: 'arn:aws:iam::111111111111:role/flow-logs' },
    ['flowLogDeliveryRoleArn'],
  ],
  [
    'a China partition log group',
    {
      flowLogDestinationArn:
        'arn:aws-cn:logs:eu-west-3:333333333333:log-group:/dpj/vpc-flow-logs',
    },
    ['flowLogDestinationArn'],
  ],
  [
    'an S3 destination with a delivery role',
    { flowLogDestinationArn: 'arn:aws:s3:::dpj-flow-logs' },
    ['flowLogDeliveryRoleArn'],
  ],
  [
    'a bucket name in capitals',
    {
      flowLogDestinationArn: 'arn:aws:s3:::DPJ-Flow-Logs',
      flowLogDeliveryRoleArn: undefined,
    },
    ['flowLogDestinationArn'],
  ],
  [
    'a bucket folder named AWSLogs',
    {
      flowLogDestinationArn: 'arn:aws:s3:::dpj-flow-logs/AWSLogs',
      flowLogDeliveryRoleArn: undefined,
    },
    ['flowLogDestinationArn'],
  ],
  [
    'several problems at once',
    { account: '1234', kubernetesVersion: '1.28', owner: 'platform' },
    ['account', 'kubernetesVersion', 'owner'],
  ],
];

describe('eks-platform:network:create refuses bad input before any AWS call', () => {
  const aws = { create: jest.fn() };
  const action = networkAction(aws);

  afterEach(() => aws.create.mockClear());

  it.each(BAD_INPUTS)('%s', async (_what, changes, fields) => {
    const input = { ...PRODUCTION_INPUT, ...changes };
    const ctx = actionContext({ input: input as any });
    const error = await action.handler(ctx).then(
      () => undefined,
      e => e,
    );
    expect(error).toMatchObject({ name: 'InputError' });
    for (const field of fields) {
      expect(error.message).toMatch(new RegExp(`^- ${field}: `, 'm'));
    }
    // No AWS client was even built, let alone called; nothing was checkpointed.
    expect(aws.create).not.toHaveBeenCalled();
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('lists every problem in one error, as the plan action does', async () => {
    const error = await action
      .handler(
        actionContext({
          input: {
            ...PRODUCTION_INPUT,
            account: '1234',
            flowLogDestinationArn: 'nope',
          },
        }),
      )
      .then(
        () => undefined,
        e => e,
      );
    expect(error.message).toBe(
      [
        'The production environment is not valid:',
        '2 problems found:',
        '- account: account "1234" must be a 12-digit AWS account id, leading zeros included [account-id]',
        '- flowLogDestinationArn: flowLogDestinationArn must be a CloudWatch Logs log group ARN (arn:aws:logs:eu-west-3:1234:log-group:NAME) or an S3 bucket ARN (arn:aws:s3:::BUCKET[/FOLDER]), got "nope" [flow-log-destination]',
      ].join('\n'),
    );
  });

  it('accepts the ARN DescribeLogGroups returns, with its trailing :*', async () => {
    const input = {
      ...PRODUCTION_INPUT,
      flowLogDestinationArn: `${LOG_GROUP}:*`,
    };
    aws.create.mockRejectedValue(new Error('valid input reaches AWS'));
    await expect(
      action.handler(actionContext({ input, isDryRun: true })),
    ).rejects.toThrow('valid input reaches AWS');
    expect(aws.create).toHaveBeenCalledWith(expect.anything(), {
      accountId: '333333333333',
      region: 'eu-west-3',
    });
  });

  it('accepts an S3 bucket with a folder and no role', async () => {
    aws.create.mockRejectedValue(new Error('valid input reaches AWS'));
    await expect(
      action.handler(
        actionContext({
          input: {
            ...DEV_INPUT,
            flowLogDestinationArn: 'arn:aws:s3:::dpj-flow-logs/dev/',
          },
        }),
      ),
    ).rejects.toThrow('valid input reaches AWS');
  });
});
