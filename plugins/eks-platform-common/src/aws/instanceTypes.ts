/**
 * EC2 instance types offered for EKS managed node groups, and what they imply.
 *
 * The figures are AWS's published ones, kept with their sources in @internal/aws-facts;
 * this file applies AWS's documented rules to them (max pods, addresses per node).
 */
import { INSTANCE_TYPE_FACTS } from '@internal/aws-facts';

export interface InstanceTypeSpec {
  name: string;
  vcpus: number;
  memoryMiB: number;
  maxNetworkInterfaces: number;
  ipv4AddressesPerInterface: number;
}

/** Names of the types the platform offers (INSTANCE_TYPE_FACTS of @internal/aws-facts). */
export type InstanceTypeName = string;

export const INSTANCE_TYPES: readonly InstanceTypeSpec[] =
  INSTANCE_TYPE_FACTS.map(
    ({
      name,
      vcpus,
      memoryMiB,
      maxNetworkInterfaces,
      ipv4AddressesPerInterface,
    }) => ({
      name,
      vcpus,
      memoryMiB,
      maxNetworkInterfaces,
      ipv4AddressesPerInterface,
    }),
  );

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
  const spec = findInstanceType(instanceType);
  if (!spec) throw new Error(`unknown instance type ${instanceType}`);
  return spec;
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
