/** Display formats of capacity figures (CPU in millicores, memory in bytes). */
import { ResourceFigures } from '@internal/plugin-eks-platform-common';

export function formatCores(millis: number): string {
  return `${(millis / 1000).toFixed(1)} vCPU`;
}

export function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

export function formatUsd(amount: number): string {
  return `$${amount.toFixed(amount >= 100 ? 0 : 2)}`;
}

export function formatShare(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—';
}

export type ResourceName = 'cpu' | 'memory' | 'pods';

export const RESOURCE_LABELS: Record<ResourceName, string> = {
  cpu: 'CPU',
  memory: 'Memory',
  pods: 'Pods',
};

export function formatAmount(resource: ResourceName, value: number): string {
  if (resource === 'cpu') return formatCores(value);
  if (resource === 'memory') return formatGiB(value);
  return String(value);
}

/** "3.2 vCPU of 7.8 vCPU (41%)" */
export function formatRequested(
  resource: ResourceName,
  figures: ResourceFigures,
): string {
  return `${formatAmount(resource, figures.requested)} of ${formatAmount(
    resource,
    figures.allocatable,
  )} (${formatShare(figures.requested, figures.allocatable)})`;
}

export const LIMIT_LABELS = {
  cpu: 'CPU',
  memory: 'Memory',
  pods: 'Pod slots',
  ips: 'Subnet IP addresses',
  'max-size': 'Node group max size',
} as const;
