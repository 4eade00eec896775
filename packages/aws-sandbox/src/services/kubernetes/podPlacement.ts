/**
 * Where the pods of a cluster run. Deterministic: the same nodes always get the same pods.
 * Every node runs the add-on DaemonSets; the cluster add-ons go to the system nodes; the
 * DPJ Deployments fill each application node to a target between 50% and 70% of its
 * allocatable CPU and memory (never above), so nodes look used but schedulable.
 */
import type { ClusterInventory } from '../../core/inventory';
import { fractionFromHash, hashString } from '../prometheus/deterministicHash';
import { environmentOf } from '../prometheus/trafficModel';
import type { SandboxNode } from './nodeModel';
import {
  applications,
  clusterAddons,
  daemonSets,
  requestsOf,
  Workload,
} from './workloads';

export interface PlacedPod {
  name: string;
  workload: Workload;
  node: SandboxNode;
  podIp: string;
  /** Hash of the ReplicaSet or DaemonSet revision, as in pod-template-hash. */
  templateHash: string;
}

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function randomName(seed: number, length: number, salt: number): string {
  let name = '';
  for (let i = 0; i < length; i += 1) {
    const index = Math.floor(
      fractionFromHash(seed, salt, i) * NAME_ALPHABET.length,
    );
    name += NAME_ALPHABET[index];
  }
  return name;
}

function tolerates(workload: Workload, node: SandboxNode): boolean {
  return node.taints
    .filter(taint => taint.effect !== 'PreferNoSchedule')
    .every(
      taint =>
        workload.tolerates.includes('*') ||
        workload.tolerates.includes(taint.key),
    );
}

export function placePods(
  cluster: ClusterInventory,
  nodes: SandboxNode[],
): PlacedPod[] {
  const seed = hashString(`${cluster.accountId}/${cluster.name}/pods`);
  const pods: PlacedPod[] = [];
  const used = new Map(nodes.map(node => [node.name, { cpu: 0, memory: 0 }]));
  let counter = 0;

  const place = (workload: Workload, node: SandboxNode) => {
    counter += 1;
    const workloadSeed = hashString(`${cluster.name}/${workload.name}`);
    const templateHash = randomName(
      workloadSeed,
      workload.kind === 'Deployment' ? 10 : 5,
      0,
    );
    const suffix = randomName(seed, 5, counter);
    const [cpu, memory] = requestsOf(workload);
    const usage = used.get(node.name)!;
    usage.cpu += cpu;
    usage.memory += memory;
    const [, octet2, octet3] = node.internalIp.split('.');
    const podIp = workload.hostNetwork
      ? node.internalIp
      : `10.${octet2}.${octet3}.${
          1 + Math.floor(fractionFromHash(seed, counter, 7) * 254)
        }`;
    pods.push({
      name:
        workload.kind === 'Deployment'
          ? `${workload.name}-${templateHash}-${suffix}`
          : `${workload.name}-${suffix}`,
      workload,
      node,
      podIp,
      templateHash,
    });
  };

  // What an EKS add-on installs runs only while the add-on does.
  const installed = (workload: Workload) =>
    !workload.addon || (cluster.addons ?? []).includes(workload.addon);
  for (const node of nodes) {
    for (const daemonSet of daemonSets(cluster.region).filter(installed)) {
      place(daemonSet, node);
    }
  }

  const systemNodes = nodes.filter(node => node.system);
  const addonNodes = systemNodes.length > 0 ? systemNodes : nodes;
  for (const addon of clusterAddons(cluster.region).filter(installed)) {
    const candidates = addonNodes.filter(node => tolerates(addon, node));
    for (let replica = 0; replica < (addon.replicas ?? 1); replica += 1) {
      // Spread replicas over nodes, as the add-ons' anti-affinity asks.
      if (candidates.length > 0) {
        place(addon, candidates[replica % candidates.length]);
      }
    }
  }

  const apps = applications(
    environmentOf(cluster.name, cluster.tags),
    cluster.accountId,
    cluster.region,
  );
  for (const [nodeIndex, node] of nodes.entries()) {
    if (node.system) continue;
    const fits = apps.filter(app => tolerates(app, node));
    const target = 0.5 + 0.2 * fractionFromHash(seed, nodeIndex, 1000);
    const cpuLimit = node.allocatable.cpuMillis * target;
    const memoryLimit = (node.allocatable.memoryKi / 1024) * target;
    const usage = used.get(node.name)!;
    let podsOnNode = pods.filter(pod => pod.node === node).length;
    for (let turn = 0; fits.length > 0; turn += 1) {
      // Round-robin over the Deployments; stop when none fits under the target.
      const candidates = [...fits.slice(turn % fits.length), ...fits].slice(
        0,
        fits.length,
      );
      if (podsOnNode >= node.allocatable.pods) break;
      const { cpu: usedCpu, memory: usedMemory } = usage;
      const next = candidates.find(app => {
        const [cpu, memory] = requestsOf(app);
        return usedCpu + cpu <= cpuLimit && usedMemory + memory <= memoryLimit;
      });
      if (!next) break;
      place(next, node);
      podsOnNode += 1;
    }
  }
  return pods;
}
