import {
  AccountAttribute,
  AvailabilityZone,
  DescribeAccountAttributes$,
  DescribeAccountAttributesRequest,
  DescribeAccountAttributesResult,
  DescribeAvailabilityZones$,
  DescribeAvailabilityZonesRequest,
  DescribeAvailabilityZonesResult,
  DescribeInstanceTypeOfferings$,
  DescribeInstanceTypeOfferingsRequest,
  DescribeInstanceTypeOfferingsResult,
  DescribeInstanceTypes$,
  DescribeInstanceTypesRequest,
  DescribeInstanceTypesResult,
  InstanceTypeInfo,
  InstanceTypeOffering,
  _InstanceType,
} from '@aws-sdk/client-ec2';
import { INSTANCE_TYPE_FACTS, InstanceTypeFacts } from '@internal/aws-facts';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate } from './describe';
import { invalidParameterValue } from './errors';
import { ec2Operation } from './operation';
import { availabilityZonesOf, zoneIdOf } from './zones';

/** Quotas a fresh account reports; the sandbox enforces max-elastic-ips and the VPC count. */
const ACCOUNT_ATTRIBUTES: Record<string, string[]> = {
  'supported-platforms': ['VPC'],
  'default-vpc': ['none'],
  'max-instances': ['20'],
  'vpc-max-security-groups-per-interface': ['5'],
  'max-elastic-ips': ['5'],
  'vpc-max-elastic-ips': ['5'],
};

function instanceTypeInfo(spec: InstanceTypeFacts): InstanceTypeInfo {
  return {
    InstanceType: spec.name as _InstanceType,
    CurrentGeneration: true,
    FreeTierEligible: false,
    SupportedUsageClasses: ['on-demand', 'spot'],
    SupportedRootDeviceTypes: ['ebs'],
    SupportedVirtualizationTypes: ['hvm'],
    BareMetal: false,
    Hypervisor: 'nitro',
    ProcessorInfo: { SupportedArchitectures: [spec.architecture] },
    VCpuInfo: {
      DefaultVCpus: spec.vcpus,
      DefaultCores: Math.max(1, spec.vcpus / 2),
      DefaultThreadsPerCore: 2,
    },
    MemoryInfo: { SizeInMiB: spec.memoryMiB },
    InstanceStorageSupported: spec.instanceStore,
    EbsInfo: { EbsOptimizedSupport: 'default', EncryptionSupport: 'supported' },
    NetworkInfo: {
      NetworkPerformance: 'Up to 10 Gigabit',
      MaximumNetworkInterfaces: spec.maxNetworkInterfaces,
      MaximumNetworkCards: spec.networkCards,
      Ipv4AddressesPerInterface: spec.ipv4AddressesPerInterface,
      Ipv6AddressesPerInterface: spec.ipv4AddressesPerInterface,
      Ipv6Supported: true,
      EnaSupport: 'required',
    },
    BurstablePerformanceSupported: spec.burstable,
    AutoRecoverySupported: true,
  };
}

export const catalogOperations = {
  DescribeAvailabilityZones: ec2Operation<
    DescribeAvailabilityZonesRequest,
    DescribeAvailabilityZonesResult
  >(DescribeAvailabilityZones$, (input, call) => {
    const zones: AvailabilityZone[] = availabilityZonesOf(call.region).map(
      name => ({
        ZoneName: name,
        ZoneId: zoneIdOf(name),
        State: 'available',
        RegionName: call.region,
        ZoneType: 'availability-zone',
        OptInStatus: 'opt-in-not-required',
        GroupName: call.region,
        NetworkBorderGroup: call.region,
        Messages: [],
      }),
    );
    const unknown = [
      ...(input.ZoneNames ?? []),
      ...(input.ZoneIds ?? []),
    ].filter(
      z => !zones.some(zone => zone.ZoneName === z || zone.ZoneId === z),
    );
    if (unknown.length) {
      throw invalidParameterValue(
        `Invalid availability zone: [${unknown.join(', ')}]`,
      );
    }
    return {
      AvailabilityZones: zones
        .filter(z => !input.ZoneNames || input.ZoneNames.includes(z.ZoneName!))
        .filter(z => !input.ZoneIds || input.ZoneIds.includes(z.ZoneId!))
        .filter(z =>
          matchesFilters(
            input.Filters,
            {},
            name =>
              ({
                'zone-name': [z.ZoneName],
                'zone-id': [z.ZoneId],
                state: [z.State],
                'region-name': [z.RegionName],
                'zone-type': [z.ZoneType],
                'group-name': [z.GroupName],
                'opt-in-status': [z.OptInStatus],
              }[name]),
          ),
        ),
    };
  }),

  DescribeInstanceTypes: ec2Operation<
    DescribeInstanceTypesRequest,
    DescribeInstanceTypesResult
  >(DescribeInstanceTypes$, input => {
    const wanted = input.InstanceTypes as string[] | undefined;
    const unknown = (wanted ?? []).filter(
      t => !INSTANCE_TYPE_FACTS.some(s => s.name === t),
    );
    if (unknown.length) {
      throw new AwsError(
        'InvalidInstanceType',
        `The following supplied instance types do not exist: [${unknown.join(
          ', ',
        )}]`,
      );
    }
    const matching = INSTANCE_TYPE_FACTS.filter(
      s => !wanted || wanted.includes(s.name),
    )
      .map(instanceTypeInfo)
      .filter(info =>
        matchesFilters(
          input.Filters,
          {},
          name =>
            ({
              'instance-type': [info.InstanceType],
              'current-generation': [String(info.CurrentGeneration)],
              'vcpu-info.default-vcpus': [String(info.VCpuInfo?.DefaultVCpus)],
              'memory-info.size-in-mib': [String(info.MemoryInfo?.SizeInMiB)],
              'supported-usage-class': info.SupportedUsageClasses,
              'processor-info.supported-architecture':
                info.ProcessorInfo?.SupportedArchitectures,
              'burstable-performance-supported': [
                String(info.BurstablePerformanceSupported),
              ],
            }[name]),
        ),
      );
    const { page, nextToken } = paginate(
      matching,
      input.MaxResults,
      input.NextToken,
      {
        min: 5,
        max: 100,
      },
    );
    return { InstanceTypes: page, NextToken: nextToken };
  }),

  DescribeInstanceTypeOfferings: ec2Operation<
    DescribeInstanceTypeOfferingsRequest,
    DescribeInstanceTypeOfferingsResult
  >(DescribeInstanceTypeOfferings$, (input, call) => {
    const locationType = input.LocationType ?? 'region';
    let locations: string[];
    if (locationType === 'region') locations = [call.region];
    else if (locationType === 'availability-zone')
      locations = availabilityZonesOf(call.region);
    else if (locationType === 'availability-zone-id') {
      locations = availabilityZonesOf(call.region).map(z => zoneIdOf(z)!);
    } else {
      throw invalidParameterValue(
        `Value (${locationType}) for parameter locationType is invalid.`,
      );
    }
    const offerings: InstanceTypeOffering[] = locations
      .flatMap(location =>
        INSTANCE_TYPE_FACTS.map(spec => ({
          InstanceType: spec.name as _InstanceType,
          LocationType: locationType,
          Location: location,
        })),
      )
      .filter(o =>
        matchesFilters(
          input.Filters,
          {},
          name =>
            ({ 'instance-type': [o.InstanceType], location: [o.Location] }[
              name
            ]),
        ),
      );
    const { page, nextToken } = paginate(
      offerings,
      input.MaxResults,
      input.NextToken,
    );
    return { InstanceTypeOfferings: page, NextToken: nextToken };
  }),

  DescribeAccountAttributes: ec2Operation<
    DescribeAccountAttributesRequest,
    DescribeAccountAttributesResult
  >(DescribeAccountAttributes$, input => {
    const names =
      (input.AttributeNames as string[] | undefined) ??
      Object.keys(ACCOUNT_ATTRIBUTES);
    const attributes: AccountAttribute[] = names.map(name => {
      const values = ACCOUNT_ATTRIBUTES[name];
      if (!values) {
        throw invalidParameterValue(
          `Value (${name}) for parameter attributeName is invalid.`,
        );
      }
      return {
        AttributeName: name,
        AttributeValues: values.map(AttributeValue => ({ AttributeValue })),
      };
    });
    return { AccountAttributes: attributes };
  }),
};
