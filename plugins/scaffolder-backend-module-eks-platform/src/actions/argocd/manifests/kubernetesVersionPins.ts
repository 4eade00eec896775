/**
 * Chart values that follow the cluster's Kubernetes minor version: rendered from the
 * environment's version at creation, and moved by an upgrade once the nodes run the new
 * one. Each names the component, where the value sits in its Helm values, and why.
 */
import { CLUSTER_AUTOSCALER_IMAGES } from './componentSizing';

export interface KubernetesVersionPin {
  componentId: string;
  /** Path of the value in the Application's `spec.source.helm.valuesObject`. */
  valuePath: string[];
  /** The value for a Kubernetes minor version; undefined when none is known. */
  valueFor(kubernetesVersion: string): string | undefined;
  /** Where the table is, for the message when a version is missing from it. */
  source: string;
}

export const KUBERNETES_VERSION_PINS: readonly KubernetesVersionPin[] = [
  {
    // "the Cluster Autoscaler's minor version must be the cluster's" (componentSizing.ts).
    componentId: 'cluster-autoscaler',
    valuePath: ['image', 'tag'],
    valueFor: version => CLUSTER_AUTOSCALER_IMAGES[version],
    source: 'CLUSTER_AUTOSCALER_IMAGES in componentSizing.ts',
  },
];

/** The value at `path` of a values object, if it is a string. */
export function pinnedValueOf(
  values: Record<string, unknown> | undefined,
  path: string[],
): string | undefined {
  let node: unknown = values;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' ? node : undefined;
}

/** A copy of `values` with `path` set to `value`, creating the objects on the way. */
export function withPinnedValue(
  values: Record<string, unknown> | undefined,
  path: string[],
  value: string,
): Record<string, unknown> {
  const copy = structuredClone(values ?? {});
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    node[key] =
      typeof next === 'object' && next !== null ? next : ({} as object);
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

/** A component's pinned values for a Kubernetes version, as Helm values to merge. */
export function versionPinnedValues(
  componentId: string,
  kubernetesVersion: string,
): Record<string, unknown> {
  return KUBERNETES_VERSION_PINS.filter(
    pin => pin.componentId === componentId,
  ).reduce<Record<string, unknown>>((values, pin) => {
    const value = pin.valueFor(kubernetesVersion);
    return value ? withPinnedValue(values, pin.valuePath, value) : values;
  }, {});
}
