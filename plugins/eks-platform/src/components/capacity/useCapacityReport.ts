import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { CapacityReport } from '@internal/plugin-eks-platform-common';
import { capacityApiRef } from '../../api/capacityApi';

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
  const [state, setState] = useState<CapacityState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    api.getCapacity({ namespace, name }).then(
      report => current && setState({ status: 'loaded', report }),
      (error: Error) => current && setState({ status: 'error', error }),
    );
    return () => {
      current = false;
    };
  }, [api, namespace, name]);

  return state;
}
