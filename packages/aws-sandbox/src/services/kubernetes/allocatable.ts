/**
 * What the kubelet of an EKS-optimized AMI reserves, hence a node's allocatable resources.
 *
 * Source: amazon-eks-ami, `get_cpu_millicores_to_reserve` and
 * `get_memory_mebibytes_to_reserve` in templates/al2/runtime/bootstrap.sh (AL2023's nodeadm
 * computes the same in internal/kubelet/config.go):
 * - kube-reserved CPU: 6% of the first core, 1% of the second, 0.5% of the third and
 *   fourth, 0.25% of every core above four (4 vCPU: 60 + 10 + 5 + 5 = 80m).
 * - kube-reserved memory: 255 MiB + 11 MiB per pod the node may run (max pods).
 * - eviction threshold: memory.available < 100Mi, also withheld from allocatable.
 *
 * Capacity uses the instance type's nominal memory; a real node reports slightly less
 * (what the kernel keeps), so real allocatable memory is a little lower still.
 */
import { INSTANCE_TYPE_FACTS, InstanceTypeFacts } from '@internal/aws-facts';

export interface NodeResources {
  cpuMillis: number;
  memoryKi: number;
  pods: number;
}

const EVICTION_HARD_MEMORY_MIB = 100;

export function reservedCpuMillis(vcpus: number): number {
  const shares = [0.06, 0.01, 0.005, 0.005];
  let reserved = 0;
  for (let core = 0; core < vcpus; core += 1) {
    reserved += (shares[core] ?? 0.0025) * 1000;
  }
  return Math.round(reserved);
}

export function reservedMemoryMiB(maxPods: number): number {
  return 255 + 11 * maxPods + EVICTION_HARD_MEMORY_MIB;
}

/**
 * The VPC CNI's max pods in secondary-IP mode, as amazon-eks-ami's max-pods-calculator.sh
 * computes it: each interface's primary address serves the node, the rest serve pods,
 * plus 2 host-network pods (aws-node and kube-proxy). The calculator's ceiling (110 below
 * 30 vCPU, 250 above) is higher than any type the sandbox offers reaches.
 */
export function vpcCniMaxPods(instanceType: InstanceTypeFacts): number {
  const podAddressesPerInterface = instanceType.ipv4AddressesPerInterface - 1;
  return instanceType.maxNetworkInterfaces * podAddressesPerInterface + 2;
}

export function capacityOf(instanceType: InstanceTypeFacts): NodeResources {
  return {
    cpuMillis: instanceType.vcpus * 1000,
    memoryKi: instanceType.memoryMiB * 1024,
    pods: vpcCniMaxPods(instanceType),
  };
}

export function allocatableOf(instanceType: InstanceTypeFacts): NodeResources {
  const capacity = capacityOf(instanceType);
  return {
    cpuMillis: capacity.cpuMillis - reservedCpuMillis(instanceType.vcpus),
    memoryKi: capacity.memoryKi - reservedMemoryMiB(capacity.pods) * 1024,
    pods: capacity.pods,
  };
}

/** The figures of a type the sandbox knows; unknown types fall back to a t3.large shape. */
export function instanceTypeOrDefault(name: string): InstanceTypeFacts {
  const known = (typeName: string) =>
    INSTANCE_TYPE_FACTS.find(facts => facts.name === typeName);
  return known(name) ?? { ...known('t3.large')!, name };
}
