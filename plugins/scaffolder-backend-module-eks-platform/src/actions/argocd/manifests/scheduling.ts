/**
 * Where the pods of each platform component run, read from the environment's node
 * groups so the manifests match the labels and taints EKS puts on the nodes (see
 * presets.ts): the `system` group is labelled `role: system` and tainted
 * `CriticalAddonsOnly=true:NoSchedule`, the `app-spot` group tainted
 * `capacity=spot:NoSchedule`, the application groups labelled `role: application`.
 */
import type {
  EnvironmentSpec,
  NodeGroupSpec,
  NodeTaint,
  TaintEffect,
} from '@internal/plugin-eks-platform-common';

/** A pod toleration as Kubernetes reads it. */
export interface Toleration {
  key: string;
  operator: 'Equal' | 'Exists';
  value?: string;
  effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule';
}

/** The nodeSelector and tolerations of a pod template; an empty object schedules anywhere. */
export interface Placement {
  nodeSelector?: Record<string, string>;
  tolerations?: Toleration[];
}

export interface EnvironmentScheduling {
  /** Controllers and dashboards of the platform: the system node group only. */
  system: Placement;
  /** Node agents (DaemonSets such as log shippers and node-exporter): every node group. */
  everyNode: Placement;
  /**
   * The DPJ applications: the application node groups, and the Spot group too when
   * `spot` is true.
   */
  application(options: { spot: boolean }): Placement;
}

const KUBERNETES_EFFECTS: Record<TaintEffect, Toleration['effect']> = {
  NO_SCHEDULE: 'NoSchedule',
  NO_EXECUTE: 'NoExecute',
  PREFER_NO_SCHEDULE: 'PreferNoSchedule',
};

/** The toleration that exactly matches a node group taint (EKS API spelling). */
export function tolerationFor(taint: NodeTaint): Toleration {
  const effect = KUBERNETES_EFFECTS[taint.effect];
  return taint.value === undefined || taint.value === ''
    ? { key: taint.key, operator: 'Exists', effect }
    : { key: taint.key, operator: 'Equal', value: taint.value, effect };
}

function tolerationsOf(groups: NodeGroupSpec[]): Toleration[] {
  const seen = new Map<string, Toleration>();
  for (const group of groups) {
    for (const taint of group.taints) {
      const toleration = tolerationFor(taint);
      const id = JSON.stringify(toleration);
      if (!seen.has(id)) seen.set(id, toleration);
    }
  }
  return [...seen.values()];
}

/** The labels every one of the groups carries with the same value. */
function commonLabels(groups: NodeGroupSpec[]): Record<string, string> {
  if (groups.length === 0) return {};
  const [first, ...rest] = groups;
  const common: Record<string, string> = {};
  for (const key of Object.keys(first.labels).sort()) {
    const value = first.labels[key];
    if (rest.every(group => group.labels[key] === value)) common[key] = value;
  }
  return common;
}

function placement(
  nodeSelector: Record<string, string>,
  tolerations: Toleration[],
): Placement {
  return {
    ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
    ...(tolerations.length > 0 ? { tolerations } : {}),
  };
}

export function schedulingFor(spec: EnvironmentSpec): EnvironmentScheduling {
  const system = spec.nodeGroups.filter(group => group.role === 'system');
  const application = spec.nodeGroups.filter(
    group => group.role === 'application',
  );
  const onDemand = application.filter(
    group => group.capacityType === 'ON_DEMAND',
  );
  return {
    system: placement(commonLabels(system), tolerationsOf(system)),
    everyNode: placement({}, tolerationsOf(spec.nodeGroups)),
    application: ({ spot }) =>
      spot
        ? placement(commonLabels(application), tolerationsOf(application))
        : // On-demand nodes only: selected by their labels (capacity: on-demand) and,
          // without the Spot toleration, kept off the tainted Spot group anyway.
          placement(
            commonLabels(onDemand.length > 0 ? onDemand : application),
            tolerationsOf(onDemand),
          ),
  };
}
