/**
 * Nodes, pods and namespaces as the Kubernetes API serves them, typed with the
 * @kubernetes/client-node models so the compiler checks field names. Dates serialize to
 * RFC 3339 strings, as on the wire.
 */
import type {
  V1Container,
  V1Namespace,
  V1Node,
  V1Pod,
} from '@kubernetes/client-node';
import type { ClusterInventory } from '../../core/inventory';
import { hashString } from '../prometheus/deterministicHash';
import type { SandboxNode } from './nodeModel';
import type { PlacedPod } from './podPlacement';

/** A stable UUID-shaped id for an object. */
export function uidOf(key: string): string {
  const hex = [0, 1, 2, 3]
    .map(i => hashString(`${i}:${key}`).toString(16).padStart(8, '0'))
    .join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Kubernetes timestamps have second precision. */
function seconds(millis: number): Date {
  return new Date(Math.floor(millis / 1000) * 1000);
}

export function renderNode(
  cluster: ClusterInventory,
  node: SandboxNode,
): V1Node {
  const created = seconds(node.createdAt);
  const quantities = (resources: SandboxNode['capacity']) => ({
    cpu:
      resources.cpuMillis % 1000 === 0
        ? String(resources.cpuMillis / 1000)
        : `${resources.cpuMillis}m`,
    memory: `${resources.memoryKi}Ki`,
    pods: String(resources.pods),
    'ephemeral-storage': `${node.nodegroup.diskSizeGiB * 1024 * 1024}Ki`,
    'hugepages-2Mi': '0',
  });
  const condition = (
    type: string,
    status: string,
    reason: string,
    message: string,
  ) => ({
    type,
    status,
    reason,
    message,
    lastHeartbeatTime: created,
    lastTransitionTime: created,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      uid: uidOf(`${cluster.name}/node/${node.name}`),
      resourceVersion: String(1000 + (hashString(node.name) % 100000)),
      creationTimestamp: created,
      labels: node.labels,
      annotations: {
        'alpha.kubernetes.io/provided-node-ip': node.internalIp,
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      providerID: `aws:///${node.zone}/${node.instanceId}`,
      ...(node.taints.length > 0 ? { taints: node.taints } : {}),
    },
    status: {
      capacity: quantities(node.capacity),
      allocatable: quantities(node.allocatable),
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
        ),
        condition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ),
        condition(
          'Ready',
          'True',
          'KubeletReady',
          'kubelet is posting ready status',
        ),
      ],
      addresses: [
        { type: 'InternalIP', address: node.internalIp },
        { type: 'InternalDNS', address: node.name },
        { type: 'Hostname', address: node.name },
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: uidOf(`${node.name}/boot`),
        containerRuntimeVersion: 'containerd://1.7.25',
        kernelVersion: '6.1.124-134.200.amzn2023.x86_64',
        kubeProxyVersion: `v${cluster.version}.0-eks-5ec7b7e`,
        kubeletVersion: `v${cluster.version}.0-eks-5ec7b7e`,
        machineID: node.instanceId.replace('i-', 'ec2'),
        operatingSystem: 'linux',
        osImage: 'Amazon Linux 2023.6.20250203',
        systemUUID: uidOf(`${node.instanceId}/system`),
      },
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    },
  };
}

function renderContainer(pod: PlacedPod): V1Container[] {
  return pod.workload.containers.map(container => {
    const requests: Record<string, string> = {};
    if (container.cpuMillis) requests.cpu = `${container.cpuMillis}m`;
    if (container.memoryMi) requests.memory = `${container.memoryMi}Mi`;
    const limits: Record<string, string> = {};
    if (container.memoryLimitMi) limits.memory = `${container.memoryLimitMi}Mi`;
    return {
      name: container.name,
      image: container.image,
      imagePullPolicy: 'IfNotPresent',
      resources: {
        ...(Object.keys(requests).length > 0 ? { requests } : {}),
        ...(Object.keys(limits).length > 0 ? { limits } : {}),
      },
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
    };
  });
}

export function renderPod(cluster: ClusterInventory, pod: PlacedPod): V1Pod {
  const { workload, node } = pod;
  const started = seconds(node.createdAt + 60_000);
  const owner =
    workload.kind === 'Deployment'
      ? { kind: 'ReplicaSet', name: `${workload.name}-${pod.templateHash}` }
      : { kind: 'DaemonSet', name: workload.name };
  const templateLabel: Record<string, string> =
    workload.kind === 'Deployment'
      ? { 'pod-template-hash': pod.templateHash }
      : {
          'controller-revision-hash': pod.templateHash,
          'pod-template-generation': '1',
        };
  const containers = renderContainer(pod);
  // No container sets a CPU limit, so none is Guaranteed.
  const hasRequests = workload.containers.some(c => c.cpuMillis || c.memoryMi);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      namespace: workload.namespace,
      uid: uidOf(`${cluster.name}/pod/${pod.name}`),
      resourceVersion: String(2000 + (hashString(pod.name) % 100000)),
      creationTimestamp: started,
      labels: { ...workload.labels, ...templateLabel },
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          ...owner,
          uid: uidOf(`${cluster.name}/${owner.kind}/${owner.name}`),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      nodeName: node.name,
      containers,
      ...(workload.hostNetwork ? { hostNetwork: true } : {}),
      ...(workload.priorityClassName
        ? { priorityClassName: workload.priorityClassName }
        : {}),
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
      serviceAccountName: workload.name,
      terminationGracePeriodSeconds: 30,
      tolerations: workload.tolerates.map(key =>
        key === '*' ? { operator: 'Exists' } : { key, operator: 'Exists' },
      ),
    },
    status: {
      phase: 'Running',
      conditions: [
        'Initialized',
        'Ready',
        'ContainersReady',
        'PodScheduled',
      ].map(type => ({ type, status: 'True', lastTransitionTime: started })),
      hostIP: node.internalIp,
      hostIPs: [{ ip: node.internalIp }],
      podIP: pod.podIp,
      podIPs: [{ ip: pod.podIp }],
      startTime: started,
      qosClass: hasRequests ? 'Burstable' : 'BestEffort',
      containerStatuses: containers.map(container => ({
        name: container.name,
        image: container.image ?? '',
        imageID: `${container.image}@sha256:${uidOf(
          container.image ?? '',
        ).replace(/-/g, '')}`,
        containerID: `containerd://${uidOf(
          `${pod.name}/${container.name}`,
        ).replace(/-/g, '')}`,
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: started } },
      })),
    },
  };
}

export function renderNamespace(
  cluster: ClusterInventory,
  name: string,
): V1Namespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: uidOf(`${cluster.name}/namespace/${name}`),
      resourceVersion: String(10 + (hashString(name) % 1000)),
      creationTimestamp: seconds(cluster.createdAt),
      labels: { 'kubernetes.io/metadata.name': name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}
