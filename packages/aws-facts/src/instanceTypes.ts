/**
 * EC2 instance types offered to EKS managed node groups, as AWS publishes them.
 *
 * Sources:
 * - vCPU, memory, architecture, burstable, instance store: "Amazon EC2 instance type
 *   specifications" (docs.aws.amazon.com/ec2/latest/instancetypes/), general purpose and
 *   compute/memory optimized tables.
 * - network cards, interfaces and IPv4 addresses per interface: "Maximum IP addresses per
 *   network interface" (docs.aws.amazon.com/AWSEC2/latest/UserGuide/AvailableIpPerENI.html),
 *   the inputs amazon-vpc-cni-k8s uses to generate misc/eni-max-pods.txt.
 *
 * Data only: what these numbers imply (pods per node, addresses per node) is computed by
 * each reader from AWS's documented rules.
 */

export interface InstanceTypeFacts {
  name: string;
  vcpus: number;
  memoryMiB: number;
  architecture: 'x86_64' | 'arm64';
  networkCards: number;
  maxNetworkInterfaces: number;
  ipv4AddressesPerInterface: number;
  /** T family: CPU credits instead of a sustained baseline. */
  burstable: boolean;
  /** Local NVMe instance store (the "d" variants). */
  instanceStore: boolean;
}

function x86(
  name: string,
  vcpus: number,
  memoryMiB: number,
  maxNetworkInterfaces: number,
  ipv4AddressesPerInterface: number,
): InstanceTypeFacts {
  return {
    name,
    vcpus,
    memoryMiB,
    architecture: 'x86_64',
    networkCards: 1,
    maxNetworkInterfaces,
    ipv4AddressesPerInterface,
    burstable: name.startsWith('t'),
    instanceStore: /^[a-z]+\d+[a-z]*d\./.test(name),
  };
}

/** Grouped by shape (vCPU, memory): types of one shape are interchangeable in a node group. */
export const INSTANCE_TYPE_FACTS: readonly InstanceTypeFacts[] = [
  // 2 vCPU / 4 GiB
  x86('t3.medium', 2, 4096, 3, 6),
  x86('c5.large', 2, 4096, 3, 10),
  // 2 vCPU / 8 GiB
  x86('t3.large', 2, 8192, 3, 12),
  x86('t3a.large', 2, 8192, 3, 12),
  x86('m5.large', 2, 8192, 3, 10),
  x86('m5a.large', 2, 8192, 3, 10),
  x86('m6i.large', 2, 8192, 3, 10),
  // 2 vCPU / 16 GiB
  x86('r5.large', 2, 16384, 3, 10),
  // 4 vCPU / 8 GiB
  x86('c5.xlarge', 4, 8192, 4, 15),
  x86('c5a.xlarge', 4, 8192, 4, 15),
  x86('c5d.xlarge', 4, 8192, 4, 15),
  x86('c6i.xlarge', 4, 8192, 4, 15),
  // 4 vCPU / 16 GiB
  x86('t3.xlarge', 4, 16384, 4, 15),
  x86('m5.xlarge', 4, 16384, 4, 15),
  x86('m5a.xlarge', 4, 16384, 4, 15),
  x86('m6i.xlarge', 4, 16384, 4, 15),
  // 8 vCPU / 16 GiB
  x86('c5.2xlarge', 8, 16384, 4, 15),
];
