import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CapacityReport } from '@internal/plugin-eks-platform-common';
import { capacityApiRef } from '../../api/capacityApi';
import { useLoader } from '../shared/useLoader';

export type CapacityState =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'loaded'; report: CapacityReport };

/** The capacity report of the entity on the page. */
export function useCapacityReport(): CapacityState {
  const { entity } = useEntity();
  const api = useApi(capacityApiRef);
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;
  const load = useCallback(
    () => api.getCapacity({ namespace, name }),
    [api, namespace, name],
  );
  const { state } = useLoader(load);
  if (state.loading) return { status: 'loading' };
  if ('error' in state) return { status: 'error', error: state.error };
  return { status: 'loaded', report: state.value };
}
