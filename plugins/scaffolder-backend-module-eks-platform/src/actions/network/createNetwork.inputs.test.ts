import { DescribeClusterVersionsCommand, EKSClient } from '@aws-sdk/client-eks';
import { findKubernetesVersion } from '@internal/plugin-eks-platform-common';
import {
  actionContext,
  logLines,
  outputOf,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  DEV_INPUT,
  networkAction,
  PRODUCTION_INPUT,
} from './__testUtils__/networkTestUtils';

const LOG_GROUP =
  'arn:aws:logs:eu-west-3:333333333333:log-group:/dpj/vpc-flow-logs';

/** The production preset's address plan, to change one block at a time. */
const PLAN = {
  vpcCidr: '10.30.0.0/16',
  publicSubnetCidrs: ['10.30.0.0/24', '10.30.1.0/24', '10.30.2.0/24'],
  privateSubnetCidrs: ['10.30.32.0/19', '10.30.64.0/19', '10.30.96.0/19'],
};
const PRIVATE_SUBNETS = [0, 1, 2].map(i => `network.privateSubnetCidrs[${i}]`);

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
  ['a missing account', { account: undefined }, ['account']],
  ['a name as a number', { name: 42 }, ['name']],
  ['a name longer than 40 characters', { name: 'd'.repeat(41) }, ['name']],
  ['a name starting with a digit', { name: '1dpj-prod' }, ['name']],
  ['a version as a number', { kubernetesVersion: 1.35 }, ['kubernetesVersion']],
  [
    'a zone of another region',
    { availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-1c'] },
    ['availabilityZones[2]'],
  ],
  [
    'Paris zones in the Ireland region',
    {
      region: 'eu-west-1',
      availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-3c'],
    },
    ['availabilityZones[0]', 'availabilityZones[1]', 'availabilityZones[2]'],
  ],
  [
    'only two zones for production',
    { availabilityZones: ['eu-west-3a', 'eu-west-3b'] },
    [
      'availabilityZones',
      'network.publicSubnetCidrs',
      'network.privateSubnetCidrs',
    ],
  ],
  [
    'a zone listed twice',
    { availabilityZones: ['eu-west-3a', 'eu-west-3b', 'eu-west-3a'] },
    ['availabilityZones[2]'],
  ],
  [
    'zones as one text',
    { availabilityZones: 'eu-west-3a' },
    ['availabilityZones'],
  ],
  [
    'a malformed VPC CIDR',
    { network: { ...PLAN, vpcCidr: '10.30.0/16' } },
    ['network.vpcCidr'],
  ],
  [
    'a /8 VPC (AWS allows /16 to /28)',
    { network: { ...PLAN, vpcCidr: '10.0.0.0/8' } },
    ['network.vpcCidr'],
  ],
  [
    'an address plan without its VPC CIDR',
    { network: { ...PLAN, vpcCidr: undefined } },
    ['network.vpcCidr'],
  ],
  [
    'a public subnet outside the VPC',
    {
      network: {
        ...PLAN,
        publicSubnetCidrs: ['10.30.0.0/24', '10.30.1.0/24', '10.31.2.0/24'],
      },
    },
    ['network.publicSubnetCidrs[2]'],
  ],
  [
    "another VPC CIDR keeping the preset's subnets",
    { network: { vpcCidr: '10.40.0.0/16' } },
    [
      'network.publicSubnetCidrs[0]',
      'network.publicSubnetCidrs[1]',
      'network.publicSubnetCidrs[2]',
      ...PRIVATE_SUBNETS,
    ],
  ],
  [
    'a public subnet inside a private one',
    {
      network: {
        ...PLAN,
        publicSubnetCidrs: ['10.30.0.0/24', '10.30.1.0/24', '10.30.32.0/24'],
      },
    },
    ['network.privateSubnetCidrs[0]'],
  ],
  [
    'two overlapping private subnets',
    {
      network: {
        ...PLAN,
        privateSubnetCidrs: ['10.30.32.0/19', '10.30.64.0/19', '10.30.64.0/20'],
      },
    },
    ['network.privateSubnetCidrs[2]'],
  ],
  [
    'two private subnets for three zones',
    {
      network: {
        ...PLAN,
        privateSubnetCidrs: ['10.30.32.0/19', '10.30.64.0/19'],
      },
    },
    ['network.privateSubnetCidrs'],
  ],
  [
    "ADR-0007's /24 private subnets (IP exhaustion)",
    {
      network: {
        vpcCidr: '10.0.0.0/16',
        publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'],
        privateSubnetCidrs: ['10.0.10.0/24', '10.0.20.0/24', '10.0.30.0/24'],
      },
    },
    PRIVATE_SUBNETS,
  ],
  [
    'a subnet with host bits set',
    {
      network: {
        ...PLAN,
        publicSubnetCidrs: ['10.30.0.0/24', '10.30.1.1/24', '10.30.2.0/24'],
      },
    },
    ['network.publicSubnetCidrs[1]'],
  ],
  [
    'a /29 subnet (AWS allows /16 to /28)',
    {
      network: {
        ...PLAN,
        publicSubnetCidrs: ['10.30.0.0/29', '10.30.1.0/24', '10.30.2.0/24'],
      },
    },
    ['network.publicSubnetCidrs[0]'],
  ],
  [
    'sizes for a node group the preset lacks',
    { nodeGroupSizes: { 'app-nodes': { maxSize: 20 } } },
    ['nodeGroupSizes.app-nodes'],
  ],
  [
    'node group sizes as a list',
    { nodeGroupSizes: [{ maxSize: 4 }] },
    ['nodeGroupSizes'],
  ],
  [
    'minSize above maxSize',
    { nodeGroupSizes: { system: { minSize: 5, maxSize: 4 } } },
    ['nodeGroups[0].minSize'],
  ],
  [
    'desiredSize below minSize',
    { nodeGroupSizes: { 'app-on-demand': { minSize: 4 } } },
    ['nodeGroups[1].desiredSize'],
  ],
  [
    'desiredSize above maxSize',
    { nodeGroupSizes: { 'app-on-demand': { desiredSize: 12 } } },
    ['nodeGroups[1].desiredSize'],
  ],
  [
    'maxSize above the 450 nodes of a managed node group',
    { nodeGroupSizes: { 'app-spot': { maxSize: 451 } } },
    ['nodeGroups[2].maxSize'],
  ],
  [
    'a negative minSize',
    { nodeGroupSizes: { 'app-spot': { minSize: -1 } } },
    ['nodeGroups[2].minSize'],
  ],
  [
    'a maxSize of 0',
    { nodeGroupSizes: { 'app-spot': { maxSize: 0, desiredSize: 0 } } },
    ['nodeGroups[2].maxSize'],
  ],
  [
    'a size as text',
    { nodeGroupSizes: { system: { minSize: 'three' } } },
    ['nodeGroups[0].minSize'],
  ],
  [
    'a fractional size',
    { nodeGroupSizes: { system: { maxSize: 4.5 } } },
    ['nodeGroups[0].maxSize'],
  ],
  [
    'a Spot group scaled past its subnets (IP exhaustion)',
    { nodeGroupSizes: { 'app-spot': { maxSize: 400 } } },
    PRIVATE_SUBNETS,
  ],
  ['an address plan given as text', { network: '10.30.0.0/16' }, ['network']],
  ['an address plan of null', { network: null }, ['network']],
  [
    'an address plan with a misspelt field',
    {
      network: {
        vpcCidr: '10.30.0.0/16',
        publicSubnetCidrs: ['10.30.0.0/24', '10.30.1.0/24', '10.30.2.0/24'],
        privateSubnetCidrs: ['10.30.32.0/19', '10.30.64.0/19', '10.30.96.0/19'],
        natGateways: 'single',
      },
    },
    ['network.natGateways'],
  ],
  [
    "a group's sizes given as a number",
    { nodeGroupSizes: { system: 5 } },
    ['nodeGroupSizes.system'],
  ],
  [
    'a misspelt size field',
    { nodeGroupSizes: { system: { maxsize: 20 } } },
    ['nodeGroupSizes.system.maxsize'],
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
      // Paths hold "[", "]" and ".": match them literally.
      const path = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(error.message).toMatch(new RegExp(`^- ${path}: `, 'm'));
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

describe('eks-platform:network:create asks EKS about the Kubernetes version', () => {
  const fixture = useSandboxActionFixture();

  it('refuses a version EKS does not offer before any change, so no network waits for a cluster EKS refuses', async () => {
    await fixture.reset();
    await fixture.clearCalls();
    await expect(
      networkAction(fixture.aws).handler(
        actionContext({
          input: { ...PRODUCTION_INPUT, kubernetesVersion: '1.99' } as any,
        }),
      ),
    ).rejects.toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(
          /- kubernetesVersion: Kubernetes 1\.99 is not one EKS offers; DescribeClusterVersions lists/,
        ),
      }),
    );
    const operations = (await fixture.calls()).map(c => c.operation);
    expect(operations).toContain('DescribeClusterVersions');
    expect(
      operations.filter(op => /^(Create|Allocate|Modify)/.test(op)),
    ).toEqual([]);
  });

  it('accepts a version newer than the published table when EKS offers it', async () => {
    await fixture.reset();
    const eks = await fixture.aws.create(EKSClient, {
      accountId: PRODUCTION_INPUT.account,
      region: 'eu-west-3',
    });
    const { clusterVersions = [] } = await eks.send(
      new DescribeClusterVersionsCommand({}),
    );
    eks.destroy();
    const newer = clusterVersions.find(
      v =>
        v.versionStatus === 'STANDARD_SUPPORT' &&
        !findKubernetesVersion(v.clusterVersion!),
    )?.clusterVersion;
    expect(newer).toBeDefined();
    const ctx = actionContext({
      input: { ...PRODUCTION_INPUT, kubernetesVersion: newer } as any,
      isDryRun: true,
    });
    await networkAction(fixture.aws).handler(ctx);
    expect(outputOf(ctx, 'vpcId')).toMatch(/^(dry-run:|vpc-)/);
  });

  it('falls back to the published calendar when EKS refuses DescribeClusterVersions, and says so', async () => {
    await fixture.reset();
    const refuse = {
      service: 'eks',
      operation: 'DescribeClusterVersions',
      code: 'AccessDeniedException',
      message: 'User is not authorized to perform eks:DescribeClusterVersions',
      status: 403,
      times: 1,
    };
    await fixture.faults({ scripted: [refuse] });
    const ctx = actionContext({
      input: { ...PRODUCTION_INPUT, kubernetesVersion: '1.35' } as any,
      isDryRun: true,
    });
    await networkAction(fixture.aws).handler(ctx);
    expect(logLines(ctx.logger, 'warn')).toContainEqual(
      expect.stringMatching(
        /^DescribeClusterVersions failed: AccessDeniedException: .*using the platform's published version calendar instead$/,
      ),
    );

    // The table knows no version released after it was written: without EKS, refused.
    await fixture.faults({ scripted: [refuse] });
    await expect(
      networkAction(fixture.aws).handler(
        actionContext({
          input: { ...PRODUCTION_INPUT, kubernetesVersion: '1.37' } as any,
          isDryRun: true,
        }),
      ),
    ).rejects.toThrow(
      /- kubernetesVersion: Kubernetes 1\.37 is not one EKS offers; the platform's version table lists 1\.35, 1\.34/,
    );
  });
});
