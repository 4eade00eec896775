import { useCallback, useEffect } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { DeploymentsReport } from '@internal/plugin-eks-platform-common';
import { deploymentsApiRef } from '../../api/deploymentsApi';
import { LoadState, useLoader } from '../shared/useLoader';

/** How often the page asks again while ArgoCD runs an operation or a rollout progresses. */
export const REFRESH_WHILE_BUSY_MS = 5_000;

export function entityRefOf(entity: Entity) {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
}

function isBusy(report: DeploymentsReport): boolean {
  return report.applications.some(
    app => app.operationRunning || app.healthStatus === 'Progressing',
  );
}

/** The entity's deployments, loaded again on `reload` and every few seconds while busy. */
export function useDeployments(entity: Entity): {
  state: LoadState<DeploymentsReport>;
  reload: () => void;
} {
  const api = useApi(deploymentsApiRef);
  const { kind, namespace, name } = entityRefOf(entity);
  const load = useCallback(
    () => api.getDeployments({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
  const { state, retry } = useLoader(load);
  const busy = 'value' in state && isBusy(state.value);
  useEffect(() => {
    if (!busy) return undefined;
    const timer = setTimeout(retry, REFRESH_WHILE_BUSY_MS);
    return () => clearTimeout(timer);
  }, [busy, state, retry]);
  return { state, reload: retry };
}
