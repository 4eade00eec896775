import {
  CreateRouteTableCommand,
  CreateVpcCommand,
  DescribeRouteTablesCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  ec2ClientFor,
  freshVpc,
  useEc2Sandbox,
} from '../services/ec2/testSandbox';

/** Faults after the write: AWS applied the request, and the answer never arrived. */
describe('sandbox faults after the write', () => {
  const t = useEc2Sandbox();
  const retrying = () => ec2ClientFor(t.sandbox.url);
  // The SDK's own retry (3 attempts), as the product's clients have it.
  const withSdkRetries = () =>
    new EC2Client({
      region: 'eu-west-3',
      endpoint: t.sandbox.url,
      credentials: { accessKeyId: 'AKIDSANDBOXDEV', secretAccessKey: 'x' },
      maxAttempts: 3,
    });

  const lose = (operation: string, code = 'InternalError', status = 500) =>
    t.sandbox.context.faults.script({
      service: 'ec2',
      operation,
      code,
      message: 'We encountered an internal error. Please try again.',
      status,
      when: 'after',
    });

  it('duplicates an untokened create that the SDK retries after a lost 5xx answer, as AWS would', async () => {
    await freshVpc(t, '10.0.0.0/16');
    // CreateVpc has no ClientToken: the SDK's retry makes a second VPC.
    lose('CreateVpc');
    const ec2 = withSdkRetries();
    const { Vpc } = await ec2.send(
      new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }),
    );
    const { Vpcs = [] } = await ec2.send(
      new DescribeVpcsCommand({
        Filters: [{ Name: 'cidr', Values: ['10.9.0.0/16'] }],
      }),
    );
    expect(Vpcs).toHaveLength(2);
    expect(Vpcs.map(v => v.VpcId)).toContain(Vpc!.VpcId);
  });

  // The SDK fills CreateRouteTable's ClientToken itself (an idempotency token member).
  it('answers a retried tokened create with what the first attempt made', async () => {
    const { vpcId } = await freshVpc(t, '10.1.0.0/16');
    lose('CreateRouteTable');
    const ec2 = withSdkRetries();
    const { RouteTable } = await ec2.send(
      new CreateRouteTableCommand({ VpcId: vpcId }),
    );
    const { RouteTables = [] } = await ec2.send(
      new DescribeRouteTablesCommand({
        Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
      }),
    );
    expect(RouteTables).toHaveLength(2);
    expect(RouteTables.map(r => r.RouteTableId)).toContain(
      RouteTable!.RouteTableId,
    );
  });

  it('can drop the connection instead, after the VPC exists', async () => {
    await freshVpc(t, '10.2.0.0/16');
    lose('CreateVpc', 'ConnectionReset', 0);
    const once = retrying();
    await expect(
      once.send(new CreateVpcCommand({ CidrBlock: '10.3.0.0/16' })),
    ).rejects.toThrow();
    const { Vpcs = [] } = await once.send(
      new DescribeVpcsCommand({
        Filters: [{ Name: 'cidr', Values: ['10.3.0.0/16'] }],
      }),
    );
    expect(Vpcs).toHaveLength(1);
  });

  it('loses the answers of a share of the changes, never of the reads', async () => {
    const { vpcId } = await freshVpc(t, '10.4.0.0/16');
    t.sandbox.context.faults.configure({ lostAnswerRate: 0.5 }, 7);
    const once = retrying();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () =>
        once
          .send(new CreateRouteTableCommand({ VpcId: vpcId }))
          .then(() => 'answered' as const)
          .catch((error: Error) => error.name),
      ),
    );
    const reads = await Promise.all(
      Array.from({ length: 20 }, () =>
        once.send(
          new DescribeRouteTablesCommand({
            Filters: [{ Name: 'vpc-id', Values: [vpcId] }],
          }),
        ),
      ),
    );
    t.sandbox.context.faults.reset();
    const lost = outcomes.filter(o => o === 'InternalError').length;
    expect(lost).toBeGreaterThan(3);
    expect(lost).toBeLessThan(17);
    expect(
      outcomes.filter(o => o !== 'answered' && o !== 'InternalError'),
    ).toEqual([]);
    // Every create was applied, answered or not (the main route table besides).
    expect(reads[0].RouteTables).toHaveLength(21);
  });
});
