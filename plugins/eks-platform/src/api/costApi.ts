import { createApiRef } from '@backstage/core-plugin-api';
import {
  ClusterCostReport,
  CostMetric,
  FinanceCostReport,
} from '@internal/plugin-eks-platform-common';
import { BackendClientOptions, getFromBackend } from './backendRequest';

/** Options of a cluster's cost report; the backend's defaults apply to what is left out. */
export interface ClusterCostOptions {
  /** Months of history, 1..13 (backend default 3). */
  months?: number;
  /** Backend default `DEFAULT_COST_METRIC`. */
  metric?: CostMetric;
}

/** AWS cost of clusters and environments, read by the eks-platform backend. */
export interface CostApi {
  getClusterCost(
    entityRef: { namespace: string; name: string },
    options?: ClusterCostOptions,
  ): Promise<ClusterCostReport>;
  getEnvironmentCosts(options?: {
    metric?: CostMetric;
  }): Promise<FinanceCostReport>;
}

/** @public */
export const costApiRef = createApiRef<CostApi>({
  id: 'plugin.eks-platform.cost',
});

/** The query of the given parameters; undefined when none is, so the URL has no `?`. */
function definedParams(
  params: Record<string, string | number | undefined>,
): Record<string, string> | undefined {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined);
  return entries.length > 0
    ? Object.fromEntries(entries.map(([key, value]) => [key, String(value)]))
    : undefined;
}

/**
 * Calls `GET /api/eks-platform/cost/:namespace/:name?months=&metric=` and
 * `GET /api/eks-platform/cost/environments?metric=` as the signed-in user; a 403 means
 * the user lacks `eks-platform.cost.read`.
 */
export class CostClient implements CostApi {
  constructor(private readonly options: BackendClientOptions) {}

  getClusterCost(
    entityRef: { namespace: string; name: string },
    options: ClusterCostOptions = {},
  ): Promise<ClusterCostReport> {
    return getFromBackend<ClusterCostReport>(
      this.options,
      ['cost', entityRef.namespace, entityRef.name],
      definedParams({ months: options.months, metric: options.metric }),
    );
  }

  getEnvironmentCosts(
    options: { metric?: CostMetric } = {},
  ): Promise<FinanceCostReport> {
    return getFromBackend<FinanceCostReport>(
      this.options,
      ['cost', 'environments'],
      definedParams({ metric: options.metric }),
    );
  }
}
