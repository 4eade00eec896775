import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { SloReportResponse } from '@internal/plugin-eks-platform-common';
import { sloApiRef } from '../../api/sloApi';

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
  const [state, setState] = useState<SloReportState>({ loading: true });
  useEffect(() => {
    let cancelled = false;
    setState({ loading: true });
    api.getSloReport({ kind, namespace, name }).then(
      response => !cancelled && setState({ loading: false, response }),
      error => !cancelled && setState({ loading: false, error }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, kind, namespace, name]);
  return state;
}
