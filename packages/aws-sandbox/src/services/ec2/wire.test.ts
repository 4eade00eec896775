import { useEc2Sandbox } from './testSandbox';

/** Raw query-protocol calls, to check the XML itself rather than what the SDK makes of it. */
describe('EC2 wire format', () => {
  const t = useEc2Sandbox();

  const call = async (params: Record<string, string>) => {
    const response = await fetch(t.sandbox.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDSANDBOXDEV/20261126/eu-west-3/ec2/aws4_request, SignedHeaders=host, Signature=0',
      },
      body: new URLSearchParams({
        Version: '2016-11-15',
        ...params,
      }).toString(),
    });
    return { status: response.status, body: await response.text() };
  };

  it('names elements and list items as EC2 does', async () => {
    const { status, body } = await call({
      Action: 'DescribeAvailabilityZones',
      'ZoneName.1': 'eu-west-3b',
    });
    expect(status).toBe(200);
    expect(body).toMatch(
      /^<DescribeAvailabilityZonesResponse xmlns="http:\/\/ec2\.amazonaws\.com\/doc\/2016-11-15\/"><requestId>[0-9a-f-]{36}<\/requestId><availabilityZoneInfo><item>/,
    );
    expect(body).toContain('<zoneName>eu-west-3b</zoneName>');
    expect(body).toContain('<zoneId>euw3-az2</zoneId>');
    expect(body).toContain('<zoneState>available</zoneState>');
  });

  it('answers operations without output with an empty response element', async () => {
    const created = await call({
      Action: 'CreateVpc',
      CidrBlock: '10.0.0.0/16',
    });
    const vpcId = /<vpcId>([^<]+)<\/vpcId>/.exec(created.body)?.[1];
    expect(vpcId).toMatch(/^vpc-/);
    const { status, body } = await call({ Action: 'DeleteVpc', VpcId: vpcId! });
    expect(status).toBe(200);
    expect(body).toMatch(
      /^<DeleteVpcResponse [^>]+><requestId>[^<]+<\/requestId><\/DeleteVpcResponse>$/,
    );
  });

  it('renders errors in the EC2 error envelope', async () => {
    const { status, body } = await call({
      Action: 'DescribeVpcs',
      'VpcId.1': 'vpc-1',
    });
    expect(status).toBe(400);
    expect(body).toContain(
      '<Errors><Error><Code>InvalidVpcID.NotFound</Code><Message>The vpc ID &apos;vpc-1&apos; does not exist</Message></Error></Errors>',
    );
    const unknown = await call({ Action: 'RunInstances' });
    expect(unknown.body).toContain('<Code>InvalidAction</Code>');
  });
});
