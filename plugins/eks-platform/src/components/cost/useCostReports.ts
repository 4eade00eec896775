import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  ClusterCostReport,
  CostMetric,
  FinanceCostReport,
} from '@internal/plugin-eks-platform-common';
import { costApiRef } from '../../api/costApi';
import { Loader, useLoader } from '../shared/useLoader';

/** The cost report of a cluster entity for a range and metric. */
export function useClusterCost(
  entity: Entity,
  months: number,
  metric: CostMetric,
): Loader<ClusterCostReport> {
  const api = useApi(costApiRef);
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;
  const load = useCallback(
    () => api.getClusterCost({ namespace, name }, { months, metric }),
    [api, namespace, name, months, metric],
  );
  return useLoader(load);
}

/** Every environment's month to date, forecast and budget, for the finance page. */
export function useEnvironmentCosts(
  metric: CostMetric,
): Loader<FinanceCostReport> {
  const api = useApi(costApiRef);
  const load = useCallback(
    () => api.getEnvironmentCosts({ metric }),
    [api, metric],
  );
  return useLoader(load);
}
