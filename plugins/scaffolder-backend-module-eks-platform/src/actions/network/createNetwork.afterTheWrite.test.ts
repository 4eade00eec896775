import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import {
  actionContext,
  logLines,
  outputOf,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import {
  countNetwork,
  DEV_COUNTS,
  DEV_INPUT,
  networkAction,
  NO_RESOURCES,
} from './__testUtils__/networkTestUtils';

jest.setTimeout(60_000);

/**
 * AWS applied the request and the answer was lost (a 5xx on the way back, or a dropped
 * connection): the SDK retries, and a create carrying a ClientToken must not make a second
 * resource.
 */
describe('eks-platform:network:create against what AWS accepts and then fails', () => {
  const fixture = useSandboxActionFixture();
  beforeEach(() => fixture.reset());

  const lostAnswer = (operation: string, code = 'InternalError') => ({
    service: 'ec2',
    operation,
    code,
    message: 'We encountered an internal error. Please try again.',
    status: code === 'ConnectionReset' ? 0 : 500,
    when: 'after' as const,
  });

  it('makes each tokened resource once', async () => {
    await fixture.faults({
      scripted: [
        lostAnswer('CreateNatGateway'),
        lostAnswer('CreateRouteTable', 'ConnectionReset'),
        lostAnswer('CreateFlowLogs'),
      ],
    });
    await networkAction(fixture.aws).handler(
      actionContext({ input: DEV_INPUT, taskId: 'task-lost' }),
    );
    const calls = await fixture.calls();
    expect(await countNetwork(fixture.ec2('111111111111'), 'dpj-dev')).toEqual(
      DEV_COUNTS,
    );
    // Every lost answer happened: each operation was sent again after it.
    const sent = (operation: string) =>
      calls.filter(c => c.operation === operation).length;
    expect(fixture.sandbox.context.faults.current().scripted).toEqual([]);
    expect(
      calls.filter(c => c.operation === 'CreateNatGateway' && c.status === 500),
    ).toHaveLength(1);
    expect(sent('CreateRouteTable')).toBe(DEV_COUNTS.routeTables + 1);
  });

  // CreateVpc, CreateSubnet, CreateInternetGateway and AllocateAddress take no ClientToken:
  // the SDK's retry makes a second VPC, gateway or address (a second subnet is refused as
  // a CIDR conflict). The engine finds them by tag and keeps one.
  it('makes each untokened resource once: duplicates a retry made are removed, a refused retry finds the first', async () => {
    await fixture.faults({
      scripted: [
        lostAnswer('CreateVpc'),
        lostAnswer('CreateSubnet'),
        lostAnswer('CreateInternetGateway', 'ConnectionReset'),
        lostAnswer('AllocateAddress'),
      ],
    });
    const ctx = actionContext({ input: DEV_INPUT, taskId: 'task-lost' });
    await networkAction(fixture.aws).handler(ctx);
    expect(fixture.sandbox.context.faults.current().scripted).toEqual([]);
    const ec2 = fixture.ec2('111111111111');
    expect(await countNetwork(ec2, 'dpj-dev')).toEqual(DEV_COUNTS);
    // Nothing untagged left either: the account has only the VPC the action reports.
    const { Vpcs = [] } = await ec2.send(
      new DescribeVpcsCommand({
        Filters: [{ Name: 'cidr', Values: ['10.10.0.0/16'] }],
      }),
    );
    expect(Vpcs.map(v => v.VpcId)).toEqual([outputOf(ctx, 'vpcId')]);
    const warnings = logLines(ctx.logger, 'warn').join('\n');
    expect(warnings).toMatch(
      /a retried create of vpc had made it besides vpc-/,
    );
    expect(warnings).toMatch(
      /Creating subnet dpj-dev-\w+-eu-west-3\w answered .*; found subnet-\w+ .* by its tags/,
    );
  });

  // A relation has no ClientToken either: the SDK's retry of a route, an attachment or an
  // association whose answer was lost is refused as already there.
  it('completes each relation whose answer was lost: the retry is refused as already made, and a read finds it made', async () => {
    await fixture.faults({
      scripted: [
        lostAnswer('CreateRoute'),
        lostAnswer('AttachInternetGateway'),
        lostAnswer('AssociateRouteTable'),
      ],
    });
    const ctx = actionContext({ input: DEV_INPUT, taskId: 'task-lost' });
    await networkAction(fixture.aws).handler(ctx);
    expect(fixture.sandbox.context.faults.current().scripted).toEqual([]);
    expect(await countNetwork(fixture.ec2('111111111111'), 'dpj-dev')).toEqual(
      DEV_COUNTS,
    );
    const calls = await fixture.calls();
    for (const [operation, code] of [
      ['CreateRoute', 'RouteAlreadyExists'],
      ['AttachInternetGateway', 'Resource.AlreadyAssociated'],
      ['AssociateRouteTable', 'Resource.AlreadyAssociated'],
    ]) {
      expect(
        calls.filter(c => c.operation === operation && c.status === 500),
      ).toHaveLength(1);
      expect(logLines(ctx.logger, 'warn')).toContainEqual(
        expect.stringContaining(`${code}`),
      );
    }
  });

  it('refuses a flow log EC2 accepted but cannot deliver, naming the field, and rolls back', async () => {
    const input = {
      ...DEV_INPUT,
      flowLogDestinationArn:
        'arn:aws:logs:eu-west-3:111111111111:log-group:/typo/vpc-flow-logs',
      flowLogDeliveryRoleArn:
        'arn:aws:iam::111111111111:role/dpj-vpc-flow-logs',
    };
    await expect(
      networkAction(fixture.aws).handler(
        actionContext({ input, taskId: 'task-typo' }),
      ),
    ).rejects.toThrow(
      /flowLogDestinationArn: VPC flow logs cannot be delivered to arn:aws:logs:eu-west-3:111111111111:log-group:\/typo\/vpc-flow-logs \(Access error\).*Rolled back/s,
    );
    expect(await countNetwork(fixture.ec2('111111111111'), 'dpj-dev')).toEqual(
      NO_RESOURCES,
    );
  });
});
