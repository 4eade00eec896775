/**
 * EC2 instance types offered for EKS managed node groups.
 *
 * Figures are AWS's published ones: vCPU and memory from the EC2 instance
 * type documentation, network interfaces and IPv4 addresses per interface
 * from the EC2 User Guide ("Maximum IP addresses per network interface"),
 * the same inputs amazon-vpc-cni-k8s uses to generate misc/eni-max-pods.txt.
 * Instance types that share vCPU and memory are listed together so that a
 * node group can pick interchangeable types (Spot needs several).
 */

export interface InstanceTypeSpec {
  name: string;
  vcpus: number;
  memoryMiB: number;
  maxNetworkInterfaces: number;
  ipv4AddressesPerInterface: number;
}

type InstanceTypeFigures = Omit<InstanceTypeSpec, 'name'>;

function figures(
  vcpus: number,
  memoryMiB: number,
  maxNetworkInterfaces: number,
  ipv4AddressesPerInterface: number,
): InstanceTypeFigures {
  return { vcpus, memoryMiB, maxNetworkInterfaces, ipv4AddressesPerInterface };
}

const INSTANCE_TYPE_FIGURES = {
  // 2 vCPU / 4 GiB
  't3.medium': figures(2, 4096, 3, 6),
  'c5.large': figures(2, 4096, 3, 10),
  // 2 vCPU / 8 GiB
  't3.large': figures(2, 8192, 3, 12),
  't3a.large': figures(2, 8192, 3, 12),
  'm5.large': figures(2, 8192, 3, 10),
  'm5a.large': figures(2, 8192, 3, 10),
  'm6i.large': figures(2, 8192, 3, 10),
  // 2 vCPU / 16 GiB
  'r5.large': figures(2, 16384, 3, 10),
  // 4 vCPU / 8 GiB
  'c5.xlarge': figures(4, 8192, 4, 15),
  'c5a.xlarge': figures(4, 8192, 4, 15),
  'c5d.xlarge': figures(4, 8192, 4, 15),
  'c6i.xlarge': figures(4, 8192, 4, 15),
  // 4 vCPU / 16 GiB
  't3.xlarge': figures(4, 16384, 4, 15),
  'm5.xlarge': figures(4, 16384, 4, 15),
  'm5a.xlarge': figures(4, 16384, 4, 15),
  'm6i.xlarge': figures(4, 16384, 4, 15),
  // 8 vCPU / 16 GiB
  'c5.2xlarge': figures(8, 16384, 4, 15),
} satisfies Record<string, InstanceTypeFigures>;

export type InstanceTypeName = keyof typeof INSTANCE_TYPE_FIGURES;

export const INSTANCE_TYPES: readonly InstanceTypeSpec[] = Object.entries(
  INSTANCE_TYPE_FIGURES,
).map(([name, typeFigures]) => ({ name, ...typeFigures }));

const INSTANCE_TYPES_BY_NAME = new Map(
  INSTANCE_TYPES.map(instanceType => [instanceType.name, instanceType]),
);

export function findInstanceType(name: string): InstanceTypeSpec | undefined {
  return INSTANCE_TYPES_BY_NAME.get(name);
}

export function isKnownInstanceType(name: string): name is InstanceTypeName {
  return INSTANCE_TYPES_BY_NAME.has(name);
}

function resolve(
  instanceType: InstanceTypeName | InstanceTypeSpec,
): InstanceTypeSpec {
  if (typeof instanceType !== 'string') return instanceType;
  return { name: instanceType, ...INSTANCE_TYPE_FIGURES[instanceType] };
}

/**
 * Pods a node can run with the VPC CNI in secondary-IP mode: every interface
 * but its primary address serves pods, plus 2 host-network pods (kube-proxy
 * and aws-node). Matches eni-max-pods.txt: c5.xlarge 58, t3.medium 17.
 */
export function maxPodsPerNode(
  instanceType: InstanceTypeName | InstanceTypeSpec,
): number {
  const { maxNetworkInterfaces, ipv4AddressesPerInterface } =
    resolve(instanceType);
  return maxNetworkInterfaces * (ipv4AddressesPerInterface - 1) + 2;
}

/**
 * Subnet addresses a fully packed node holds: the VPC CNI attaches every
 * interface with all its secondary addresses (c5.xlarge: 4 × 15 = 60).
 */
export function ipAddressesPerNode(
  instanceType: InstanceTypeName | InstanceTypeSpec,
): number {
  const { maxNetworkInterfaces, ipv4AddressesPerInterface } =
    resolve(instanceType);
  return maxNetworkInterfaces * ipv4AddressesPerInterface;
}

/** Same vCPU and memory: the cluster autoscaler treats every type of a group as one node shape. */
export function haveSameShape(
  a: InstanceTypeSpec,
  b: InstanceTypeSpec,
): boolean {
  return a.vcpus === b.vcpus && a.memoryMiB === b.memoryMiB;
}

/** "c5.xlarge (4 vCPU, 8 GiB)" */
export function describeInstanceType(instanceType: InstanceTypeSpec): string {
  return `${instanceType.name} (${instanceType.vcpus} vCPU, ${
    instanceType.memoryMiB / 1024
  } GiB)`;
}
