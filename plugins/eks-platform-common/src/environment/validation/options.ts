import type { ValidationProblem } from './problems';
import type { SpecDraft } from './readSpec';

export interface ValidationOptions {
  /**
   * Versions EKS reports as supported (DescribeClusterVersions). Without it
   * only the version syntax is checked, since a table baked into the code
   * goes stale.
   */
  supportedKubernetesVersions?: readonly string[];
  /**
   * Without a list from EKS: refuse a version the published calendar puts past the end
   * of extended support on this day (that never reverses); the rest is for EKS to say.
   */
  today?: Date;
  /** The account's "Nodes per managed node group" quota, when raised above AWS's default. */
  maxNodesPerNodeGroup?: number;
}

/** AWS default for "Nodes per managed node group" (EKS service quotas; adjustable). */
export const DEFAULT_MAX_NODES_PER_NODE_GROUP = 450;

/** A check over a spec read from untrusted input; fields that failed to read are absent and skipped. */
export type SpecRule = (
  draft: SpecDraft,
  options: ValidationOptions,
) => ValidationProblem[];
