/**
 * What a running Cluster Autoscaler publishes in a cluster, in its own formats
 * (kubernetes/autoscaler, cluster-autoscaler 1.30 and later):
 * - the ConfigMap `kube-system/cluster-autoscaler-status`, key `status`, a YAML document
 *   (`clusterstate/api/types.go`): per node group, named by its Auto Scaling group, the
 *   health, scale-up and scale-down conditions with their transition times;
 * - events on that ConfigMap: `ScaledUpGroup` ("Scale-up: setting group %s size to %d
 *   instead of %d (max: %d)", `core/scaleup/orchestrator/executor.go`) and `ScaleDownEmpty`
 *   ("Scale-down: removing empty node %q", `core/scaledown/actuation/actuator.go`), kept one
 *   hour as the API server's default `--event-ttl` keeps them;
 * - and the pods it is making room for stay Pending, Unschedulable, until nodes join.
 * The history is relative to the time of the request: it is always that many minutes old.
 */
import type { CoreV1Event, V1ConfigMap, V1Pod } from '@kubernetes/client-node';
import type { ClusterInventory } from '../../core/inventory';
import { uidOf } from './kubernetesObjects';
import type { SandboxNode } from './nodeModel';

export interface AutoscalerHistory {
  /** A node group's last scale-up; `inProgress` while its nodes have not joined. */
  scaleUp?: {
    nodeGroup: string;
    fromNodes: number;
    toNodes: number;
    minutesAgo: number;
    inProgress: boolean;
  };
  /** The last empty node it removed. */
  scaleDown?: { node: string; minutesAgo: number };
  /** Pods of a Deployment that no node can take yet. */
  pendingPods?: {
    namespace: string;
    app: string;
    count: number;
    cpuMillis: number;
    memoryMi: number;
    minutesAgo: number;
  };
}

const EVENT_TTL_MINUTES = 60;

const hexOf = (key: string, length: number) =>
  uidOf(key).replace(/-/g, '').slice(0, length);

const iso = (millis: number) =>
  new Date(Math.floor(millis / 1000) * 1000).toISOString().replace('.000', '');

const asgOf = (cluster: ClusterInventory, nodeGroup: string) =>
  cluster.nodegroups.find(g => g.name === nodeGroup)?.autoScalingGroup ??
  `eks-${nodeGroup}`;

/** The `status` document, in the YAML the autoscaler writes. */
function statusDocument(
  cluster: ClusterInventory,
  history: AutoscalerHistory,
  now: number,
): string {
  const probe = iso(now - 7_000);
  const groups = cluster.nodegroups.filter(g => !g.deletedAt);
  const lines = [`time: ${iso(now - 7_000).replace('T', ' ')}`];
  lines.push('autoscalerStatus: Running', 'clusterWide:', '  health:');
  lines.push('    status: Healthy', `    lastProbeTime: "${probe}"`);
  const scaling = history.scaleUp?.inProgress ? 'InProgress' : 'NoActivity';
  lines.push('  scaleUp:', `    status: ${scaling}`);
  lines.push('nodeGroups:');
  for (const group of groups) {
    const up =
      history.scaleUp?.nodeGroup === group.name ? history.scaleUp : undefined;
    const since = iso(
      now - 60_000 * (up ? up.minutesAgo : 24 * 60 + group.name.length),
    );
    lines.push(
      `- name: ${asgOf(cluster, group.name)}`,
      '  health:',
      '    status: Healthy',
      `    cloudProviderTarget: ${group.desiredSize}`,
      `    minSize: ${group.minSize}`,
      `    maxSize: ${group.maxSize}`,
      `    lastProbeTime: "${probe}"`,
      '  scaleUp:',
      `    status: ${up?.inProgress ? 'InProgress' : 'NoActivity'}`,
      '    backoffInfo: {}',
      `    lastProbeTime: "${probe}"`,
      `    lastTransitionTime: "${since}"`,
      '  scaleDown:',
      '    status: NoCandidates',
      `    lastProbeTime: "${probe}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function renderStatusConfigMap(
  cluster: ClusterInventory,
  history: AutoscalerHistory,
  now: number,
): V1ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'cluster-autoscaler-status',
      namespace: 'kube-system',
      uid: uidOf(`${cluster.name}/configmap/cluster-autoscaler-status`),
      annotations: {
        'cluster-autoscaler.kubernetes.io/last-updated': iso(
          now - 7_000,
        ).replace('T', ' '),
      },
    },
    data: { status: statusDocument(cluster, history, now) },
  };
}

function event(
  cluster: ClusterInventory,
  reason: string,
  message: string,
  at: number,
): CoreV1Event {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `cluster-autoscaler-status.${uidOf(
        `${cluster.name}/${reason}/${message}`,
      ).slice(0, 16)}`,
      namespace: 'kube-system',
    },
    involvedObject: {
      kind: 'ConfigMap',
      namespace: 'kube-system',
      name: 'cluster-autoscaler-status',
      apiVersion: 'v1',
    },
    reason,
    message,
    source: { component: 'cluster-autoscaler' },
    firstTimestamp: new Date(iso(at)),
    lastTimestamp: new Date(iso(at)),
    count: 1,
    type: 'Normal',
  };
}

/** The autoscaler's events still within the API server's hour. */
export function renderAutoscalerEvents(
  cluster: ClusterInventory,
  history: AutoscalerHistory,
  now: number,
): CoreV1Event[] {
  const events: CoreV1Event[] = [];
  const { scaleUp, scaleDown } = history;
  if (scaleUp && scaleUp.minutesAgo < EVENT_TTL_MINUTES) {
    const max = cluster.nodegroups.find(
      g => g.name === scaleUp.nodeGroup,
    )?.maxSize;
    events.push(
      event(
        cluster,
        'ScaledUpGroup',
        `Scale-up: setting group ${asgOf(cluster, scaleUp.nodeGroup)} size to ${
          scaleUp.toNodes
        } instead of ${scaleUp.fromNodes} (max: ${max})`,
        now - scaleUp.minutesAgo * 60_000,
      ),
    );
  }
  if (scaleDown && scaleDown.minutesAgo < EVENT_TTL_MINUTES) {
    events.push(
      event(
        cluster,
        'ScaleDownEmpty',
        `Scale-down: removing empty node "${scaleDown.node}"`,
        now - scaleDown.minutesAgo * 60_000,
      ),
    );
  }
  return events;
}

/** The scheduler's message for a pod that fits on none of the nodes. */
function unschedulableMessage(nodes: SandboxNode[]): string {
  const tainted = nodes.filter(node => node.system).length;
  const full = nodes.length - tainted;
  const reasons = [
    ...(tainted
      ? [`${tainted} node(s) had untolerated taint {CriticalAddonsOnly: true}`]
      : []),
    ...(full ? [`${full} Insufficient cpu`] : []),
  ];
  return `0/${nodes.length} nodes are available: ${reasons.join(
    ', ',
  )}. preemption: 0/${nodes.length} nodes are available: ${
    nodes.length
  } No preemption victims found for incoming pod.`;
}

export function renderPendingPods(
  cluster: ClusterInventory,
  history: AutoscalerHistory,
  nodes: SandboxNode[],
  now: number,
): V1Pod[] {
  const pending = history.pendingPods;
  if (!pending) return [];
  const since = iso(now - pending.minutesAgo * 60_000);
  return Array.from({ length: pending.count }, (_, index) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      // <deployment>-<pod-template-hash>-<suffix>, as a ReplicaSet names its pods.
      name: `${pending.app}-${hexOf(
        `${cluster.name}/${pending.app}`,
        10,
      )}-${hexOf(`${cluster.name}/${pending.app}/${index}`, 5)}`,
      namespace: pending.namespace,
      uid: uidOf(`${cluster.name}/pending/${pending.app}/${index}`),
      creationTimestamp: new Date(since),
      labels: { app: pending.app, 'app.kubernetes.io/name': pending.app },
    },
    spec: {
      containers: [
        {
          name: pending.app,
          image: `${cluster.accountId}.dkr.ecr.${cluster.region}.amazonaws.com/dpj/${pending.app}:2.4.1`,
          resources: {
            requests: {
              cpu: `${pending.cpuMillis}m`,
              memory: `${pending.memoryMi}Mi`,
            },
          },
        },
      ],
      schedulerName: 'default-scheduler',
    },
    status: {
      phase: 'Pending',
      qosClass: 'Burstable',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: unschedulableMessage(nodes),
          lastTransitionTime: new Date(since),
        },
      ],
    },
  }));
}
