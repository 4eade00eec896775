import {
  actionContext,
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
