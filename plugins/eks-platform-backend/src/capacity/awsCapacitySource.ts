/**
 * Reads the AWS side of a cluster's capacity: its managed node groups (EKS),
 * their subnets' free addresses and their instance types' ENI limits (EC2).
 */
import {
  DescribeInstanceTypesCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeNodegroupCommand,
  EKSClient,
  paginateListNodegroups,
} from '@aws-sdk/client-eks';
import {
  AwsCapacityData,
  EksNodeGroup,
  InstanceTypeSpec,
  SubnetAddresses,
} from '@internal/plugin-eks-platform-common';
import {
  AwsClientFactory,
  AwsTarget,
} from '@internal/plugin-eks-platform-node';

async function listNodeGroups(
  eks: EKSClient,
  clusterName: string,
): Promise<EksNodeGroup[]> {
  const names: string[] = [];
  for await (const page of paginateListNodegroups(
    { client: eks },
    { clusterName },
  )) {
    names.push(...(page.nodegroups ?? []));
  }
  const described = await Promise.all(
    names.map(nodegroupName =>
      eks.send(new DescribeNodegroupCommand({ clusterName, nodegroupName })),
    ),
  );
  return described.flatMap(({ nodegroup }) => {
    if (!nodegroup?.nodegroupName) return [];
    const scaling = nodegroup.scalingConfig ?? {};
    return [
      {
        name: nodegroup.nodegroupName,
        capacityType: nodegroup.capacityType === 'SPOT' ? 'SPOT' : 'ON_DEMAND',
        instanceTypes: nodegroup.instanceTypes ?? [],
        minSize: scaling.minSize ?? 0,
        desiredSize: scaling.desiredSize ?? 0,
        maxSize: scaling.maxSize ?? 0,
        subnetIds: nodegroup.subnets ?? [],
        autoScalingGroups: (
          nodegroup.resources?.autoScalingGroups ?? []
        ).flatMap(group => (group.name ? [group.name] : [])),
      },
    ];
  });
}

async function describeSubnets(
  ec2: EC2Client,
  subnetIds: string[],
): Promise<SubnetAddresses[]> {
  if (subnetIds.length === 0) return [];
  const { Subnets = [] } = await ec2.send(
    new DescribeSubnetsCommand({ SubnetIds: subnetIds }),
  );
  return Subnets.flatMap(subnet =>
    subnet.SubnetId && subnet.AvailabilityZone
      ? [
          {
            subnetId: subnet.SubnetId,
            availabilityZone: subnet.AvailabilityZone,
            cidrBlock: subnet.CidrBlock ?? '',
            availableIpAddressCount: subnet.AvailableIpAddressCount ?? 0,
          },
        ]
      : [],
  );
}

async function describeInstanceTypes(
  ec2: EC2Client,
  names: string[],
): Promise<InstanceTypeSpec[]> {
  if (names.length === 0) return [];
  const { InstanceTypes = [] } = await ec2.send(
    new DescribeInstanceTypesCommand({
      InstanceTypes:
        names as DescribeInstanceTypesCommand['input']['InstanceTypes'],
    }),
  );
  return InstanceTypes.flatMap(type =>
    type.InstanceType
      ? [
          {
            name: type.InstanceType,
            vcpus: type.VCpuInfo?.DefaultVCpus ?? 0,
            memoryMiB: type.MemoryInfo?.SizeInMiB ?? 0,
            maxNetworkInterfaces:
              type.NetworkInfo?.MaximumNetworkInterfaces ?? 0,
            ipv4AddressesPerInterface:
              type.NetworkInfo?.Ipv4AddressesPerInterface ?? 0,
          },
        ]
      : [],
  );
}

/** Every AWS call the report needs: ListNodegroups, DescribeNodegroup ×n, DescribeSubnets, DescribeInstanceTypes. */
export async function readAwsCapacity(
  aws: AwsClientFactory,
  target: AwsTarget,
  clusterName: string,
): Promise<AwsCapacityData> {
  const [eks, ec2] = await Promise.all([
    aws.create(EKSClient, target),
    aws.create(EC2Client, target),
  ]);
  const nodeGroups = await listNodeGroups(eks, clusterName);
  const unique = (values: string[]) => [...new Set(values)].sort();
  const [subnets, instanceTypes] = await Promise.all([
    describeSubnets(ec2, unique(nodeGroups.flatMap(g => g.subnetIds))),
    describeInstanceTypes(
      ec2,
      unique(nodeGroups.flatMap(g => g.instanceTypes)),
    ),
  ]);
  return { nodeGroups, subnets, instanceTypes };
}
