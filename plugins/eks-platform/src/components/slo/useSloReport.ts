import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { SloReportResponse } from '@internal/plugin-eks-platform-common';
import { sloApiRef } from '../../api/sloApi';
import { useLoader } from '../shared/useLoader';

export type SloReportState =
  | { loading: true }
  | { loading: false; error: Error }
  | { loading: false; response: SloReportResponse };

/** Loads the SLO report of an entity once per entity. */
export function useSloReport(entity: Entity): SloReportState {
  const api = useApi(sloApiRef);
  const kind = entity.kind;
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;
  const load = useCallback(
    () => api.getSloReport({ kind, namespace, name }),
    [api, kind, namespace, name],
  );
  const { state } = useLoader(load);
  return 'value' in state ? { loading: false, response: state.value } : state;
}
