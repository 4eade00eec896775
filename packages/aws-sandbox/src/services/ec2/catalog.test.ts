import {
  AccountAttributeName,
  DescribeAccountAttributesCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInstanceTypeOfferingsCommand,
  DescribeInstanceTypesCommand,
  InstanceTypeInfo,
  paginateDescribeInstanceTypes,
} from '@aws-sdk/client-ec2';
import { INSTANCE_TYPE_FACTS as INSTANCE_TYPES } from '@internal/aws-facts';
import { useEc2Sandbox } from './testSandbox';

describe('EC2: zones, instance types and account attributes', () => {
  const t = useEc2Sandbox();

  it('lists the three Paris zones with their zone ids', async () => {
    const { AvailabilityZones } = await t.ec2.send(
      new DescribeAvailabilityZonesCommand({}),
    );
    expect(
      AvailabilityZones?.map(z => [z.ZoneName, z.ZoneId, z.State]),
    ).toEqual([
      ['eu-west-3a', 'euw3-az1', 'available'],
      ['eu-west-3b', 'euw3-az2', 'available'],
      ['eu-west-3c', 'euw3-az3', 'available'],
    ]);
    expect(AvailabilityZones?.[0]).toMatchObject({
      RegionName: 'eu-west-3',
      ZoneType: 'availability-zone',
    });
    const byId = await t.ec2.send(
      new DescribeAvailabilityZonesCommand({
        Filters: [{ Name: 'zone-id', Values: ['euw3-az2'] }],
      }),
    );
    expect(byId.AvailabilityZones?.map(z => z.ZoneName)).toEqual([
      'eu-west-3b',
    ]);
    await expect(
      t.ec2.send(
        new DescribeAvailabilityZonesCommand({ ZoneNames: ['eu-west-1a'] }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Invalid availability zone: [eu-west-1a]',
    });
  });

  it('describes instance types with the figures the VPC CNI needs', async () => {
    const { InstanceTypes } = await t.ec2.send(
      new DescribeInstanceTypesCommand({
        InstanceTypes: ['c5.xlarge', 't3.medium'],
      }),
    );
    const c5 = InstanceTypes?.find(i => i.InstanceType === 'c5.xlarge');
    expect(c5).toMatchObject({
      VCpuInfo: { DefaultVCpus: 4 },
      MemoryInfo: { SizeInMiB: 8192 },
      NetworkInfo: {
        MaximumNetworkInterfaces: 4,
        Ipv4AddressesPerInterface: 15,
      },
      SupportedUsageClasses: ['on-demand', 'spot'],
      BurstablePerformanceSupported: false,
    });
    const filtered = await t.ec2.send(
      new DescribeInstanceTypesCommand({
        Filters: [
          { Name: 'vcpu-info.default-vcpus', Values: ['2'] },
          { Name: 'memory-info.size-in-mib', Values: ['8192'] },
        ],
      }),
    );
    expect(filtered.InstanceTypes?.map(i => i.InstanceType).sort()).toEqual([
      'm5.large',
      'm5a.large',
      'm6i.large',
      't3.large',
      't3a.large',
    ]);
  });

  it('pages instance types with MaxResults and NextToken', async () => {
    const pages: InstanceTypeInfo[][] = [];
    for await (const page of paginateDescribeInstanceTypes(
      { client: t.ec2, pageSize: 5 },
      {},
    )) {
      pages.push(page.InstanceTypes ?? []);
    }
    expect(pages.map(p => p.length)).toEqual([
      5,
      5,
      5,
      INSTANCE_TYPES.length - 15,
    ]);
    expect(pages.flat().map(i => i.InstanceType)).toEqual(
      INSTANCE_TYPES.map(s => s.name),
    );
    const first = await t.ec2.send(
      new DescribeInstanceTypesCommand({ MaxResults: 5 }),
    );
    expect(first.NextToken).toEqual(expect.any(String));
    await expect(
      t.ec2.send(new DescribeInstanceTypesCommand({ MaxResults: 2 })),
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('offers every type in every zone', async () => {
    const { InstanceTypeOfferings } = await t.ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        LocationType: 'availability-zone',
        Filters: [{ Name: 'instance-type', Values: ['m6i.xlarge'] }],
      }),
    );
    expect(InstanceTypeOfferings?.map(o => o.Location)).toEqual([
      'eu-west-3a',
      'eu-west-3b',
      'eu-west-3c',
    ]);
    const region = await t.ec2.send(
      new DescribeInstanceTypeOfferingsCommand({
        Filters: [{ Name: 'location', Values: ['eu-west-3'] }],
      }),
    );
    expect(region.InstanceTypeOfferings).toHaveLength(INSTANCE_TYPES.length);
    expect(region.InstanceTypeOfferings?.[0].LocationType).toBe('region');
  });

  it('reports the account quotas', async () => {
    const { AccountAttributes } = await t.ec2.send(
      new DescribeAccountAttributesCommand({
        // The API takes every attribute name; the SDK's enum lists only two of them.
        AttributeNames: [
          'max-elastic-ips' as AccountAttributeName,
          'supported-platforms',
        ],
      }),
    );
    expect(AccountAttributes).toEqual([
      {
        AttributeName: 'max-elastic-ips',
        AttributeValues: [{ AttributeValue: '5' }],
      },
      {
        AttributeName: 'supported-platforms',
        AttributeValues: [{ AttributeValue: 'VPC' }],
      },
    ]);
    const all = await t.ec2.send(new DescribeAccountAttributesCommand({}));
    expect(all.AccountAttributes?.map(a => a.AttributeName)).toContain(
      'vpc-max-security-groups-per-interface',
    );
  });
});
