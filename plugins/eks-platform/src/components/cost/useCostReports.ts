import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ClusterCostReport,
  CostMetric,
  FinanceCostReport,
} from '@internal/plugin-eks-platform-common';
import { costApiRef } from '../../api/costApi';
import { CostLoader, useCostLoader } from './useCostLoader';

/** The cost report of a cluster entity for a range and metric. */
export function useClusterCost(
  entity: Entity,
  months: number,
  metric: CostMetric,
): CostLoader<ClusterCostReport> {
  const api = useApi(costApiRef);
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;
  const load = useCallback(
    () => api.getClusterCost({ namespace, name }, { months, metric }),
    [api, namespace, name, months, metric],
  );
  return useCostLoader(load);
}

/** Every environment's month to date, forecast and budget, for the finance page. */
export function useEnvironmentCosts(
  metric: CostMetric,
): CostLoader<FinanceCostReport> {
  const api = useApi(costApiRef);
  const load = useCallback(
    () => api.getEnvironmentCosts({ metric }),
    [api, metric],
  );
  return useCostLoader(load);
}
