/**
 * The Cluster Autoscaler's view of a cluster, from what it publishes in Kubernetes:
 * - its status ConfigMap `kube-system/cluster-autoscaler-status`, key `status`, a YAML
 *   document since 1.30 (`clusterstate/api/types.go`): per node group (an Auto Scaling
 *   group on AWS) its scale-up and scale-down conditions with their transition times;
 * - the events it records on that ConfigMap: `ScaledUpGroup` ("Scale-up: setting group
 *   <group> size to <new> instead of <old> (max: <max>)"), `ScaleDownEmpty` and
 *   `ScaleDown` ("Scale-down: removing [empty] node <node>…"), kept an hour by the API
 *   server (`core/scaleup/orchestrator/executor.go`, `core/scaledown/actuation`);
 * - pods the scheduler could not place (`PodScheduled=False`, reason `Unschedulable`).
 */

import { KubePod, podRequests } from './kubernetesNodes';
import type { NodeGroupCapacity } from './types';

/** The fields of the status document read here. */
export interface AutoscalerStatusDocument {
  time?: string;
  autoscalerStatus?: string;
  nodeGroups?: {
    name?: string;
    scaleUp?: {
      status?: string;
      lastTransitionTime?: string;
      backoffInfo?: { errorCode?: string; errorMessage?: string };
    };
    scaleDown?: {
      status?: string;
      candidates?: number;
      lastTransitionTime?: string;
    };
  }[];
}

export interface KubeEvent {
  reason?: string;
  message?: string;
  eventTime?: string | null;
  lastTimestamp?: string | null;
  firstTimestamp?: string | null;
}

/** What the autoscaler reports about one node group. */
export interface NodeGroupAutoscaling {
  /** NoActivity, InProgress or Backoff. */
  scaleUp: string;
  /** Since when scaleUp has been what it is. */
  scaleUpSince?: string;
  /** Why scale-ups are paused (Backoff), in AWS's or the autoscaler's words. */
  backoff?: string;
  /** Nodes it considers removing. */
  scaleDownCandidates?: number;
  /** Its last scale-up within the events' hour. */
  lastScaleUp?: { at: string; fromNodes: number; toNodes: number };
}

export interface AutoscalerActivity {
  at: string;
  message: string;
}

export type AutoscalerSummary =
  | {
      status: 'running';
      /** When it last wrote its status. */
      updatedAt?: string;
      /** Its last scale-down within the events' hour (the node is named, not its group). */
      lastScaleDown?: AutoscalerActivity;
    }
  | { status: 'absent'; reason: string };

export interface PendingPod {
  namespace: string;
  name: string;
  cpuMillis: number;
  memoryBytes: number;
  /** When the scheduler first found no node for it. */
  since?: string;
  /** The scheduler's message, e.g. "0/6 nodes are available: 3 Insufficient cpu…". */
  reason: string;
}

/** What the backend read of the autoscaler; absent when Kubernetes was unreachable. */
export interface AutoscalerInputs {
  /** Undefined when the ConfigMap does not exist (no autoscaler runs). */
  document?: AutoscalerStatusDocument;
  events: KubeEvent[];
}

const SCALED_UP =
  /^Scale-up: setting group (\S+) size to (\d+) instead of (\d+)/;

const timeOf = (event: KubeEvent) =>
  event.eventTime ?? event.lastTimestamp ?? event.firstTimestamp ?? undefined;

function newestFirst(events: KubeEvent[]): KubeEvent[] {
  return [...events].sort((a, b) =>
    String(timeOf(b) ?? '').localeCompare(String(timeOf(a) ?? '')),
  );
}

/** The autoscaler's view per node group; `nodeGroupOf` maps an Auto Scaling group to it. */
export function autoscalingByNodeGroup(
  inputs: AutoscalerInputs,
  nodeGroupOf: (autoScalingGroup: string) => string | undefined,
): Map<string, NodeGroupAutoscaling> {
  const byGroup = new Map<string, NodeGroupAutoscaling>();
  for (const group of inputs.document?.nodeGroups ?? []) {
    const name = group.name ? nodeGroupOf(group.name) : undefined;
    if (!name) continue;
    const backoff = group.scaleUp?.backoffInfo?.errorMessage;
    byGroup.set(name, {
      scaleUp: group.scaleUp?.status ?? 'Unknown',
      ...(group.scaleUp?.lastTransitionTime
        ? { scaleUpSince: group.scaleUp.lastTransitionTime }
        : {}),
      ...(backoff ? { backoff } : {}),
      ...(group.scaleDown?.candidates !== undefined
        ? { scaleDownCandidates: group.scaleDown.candidates }
        : {}),
    });
  }
  for (const event of newestFirst(inputs.events)) {
    const match =
      event.reason === 'ScaledUpGroup' && SCALED_UP.exec(event.message ?? '');
    const name = match ? nodeGroupOf(match[1]) : undefined;
    const at = timeOf(event);
    const entry = name ? byGroup.get(name) : undefined;
    if (!match || !entry || !at || entry.lastScaleUp) continue;
    entry.lastScaleUp = {
      at,
      fromNodes: Number(match[3]),
      toNodes: Number(match[2]),
    };
  }
  return byGroup;
}

export function autoscalerSummary(inputs: AutoscalerInputs): AutoscalerSummary {
  if (!inputs.document) {
    return {
      status: 'absent',
      reason:
        'kube-system/cluster-autoscaler-status does not exist: no Cluster Autoscaler runs, so node groups stay at their desired size',
    };
  }
  const scaleDown = newestFirst(inputs.events).find(
    event => event.reason === 'ScaleDown' || event.reason === 'ScaleDownEmpty',
  );
  const at = scaleDown ? timeOf(scaleDown) : undefined;
  return {
    status: 'running',
    ...(inputs.document.time ? { updatedAt: inputs.document.time } : {}),
    ...(scaleDown && at
      ? { lastScaleDown: { at, message: scaleDown.message ?? '' } }
      : {}),
  };
}

/** Pods the scheduler found no node for: what the autoscaler must make room for. */
export function pendingPodsOf(pods: KubePod[]): PendingPod[] {
  return pods.flatMap(pod => {
    const unschedulable = pod.status?.conditions?.find(
      c =>
        c.type === 'PodScheduled' &&
        c.status === 'False' &&
        c.reason === 'Unschedulable',
    );
    if (pod.status?.phase !== 'Pending' || !unschedulable) return [];
    const requests = podRequests(pod);
    return [
      {
        namespace: pod.metadata?.namespace ?? '',
        name: pod.metadata?.name ?? '',
        ...requests,
        ...(unschedulable.lastTransitionTime
          ? { since: unschedulable.lastTransitionTime }
          : {}),
        reason: unschedulable.message ?? 'Unschedulable',
      },
    ];
  });
}

/** What pending pods mean for the first limit: the limit is reached now for them. */
export function pendingPodsNote(
  pending: PendingPod[],
  groups: NodeGroupCapacity[],
  autoscaler: AutoscalerSummary | undefined,
): string | undefined {
  if (pending.length === 0) return undefined;
  const wait = `${pending.length} pod${pending.length === 1 ? '' : 's'} wait${
    pending.length === 1 ? 's' : ''
  } for a node now`;
  if (autoscaler?.status === 'absent') {
    return `${wait}, and no autoscaler will add one.`;
  }
  const scaling = groups.filter(g => g.autoscaling?.scaleUp === 'InProgress');
  if (scaling.length > 0) {
    return `${wait}; the autoscaler is adding nodes to ${scaling
      .map(g => g.name)
      .join(', ')}.`;
  }
  if (groups.every(g => g.headroomNodes === 0)) {
    return `${wait}, and every node group is at its max size.`;
  }
  return `${wait}.`;
}
