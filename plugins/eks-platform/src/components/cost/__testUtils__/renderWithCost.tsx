import { ReactElement } from 'react';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { CostApi, costApiRef } from '../../../api/costApi';

export const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'dpj-prod-cluster', namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
};

/** A cost API whose methods fail unless a test gives them. */
export function costApi(methods: Partial<CostApi>): CostApi {
  return {
    getClusterCost: async () => {
      throw new Error('getClusterCost not expected');
    },
    getEnvironmentCosts: async () => {
      throw new Error('getEnvironmentCosts not expected');
    },
    ...methods,
  };
}

/** The error the backend's error handler produces, as the client throws it. */
export function responseError(
  status: number,
  name: string,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ) as any,
  );
}

/** Renders a cost component with the API, on dpj-prod-cluster, with the entity route mounted. */
export function renderWithCost(
  api: CostApi,
  element: ReactElement,
  entity: Entity = cluster,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[costApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

/** jsdom has neither ResizeObserver (recharts) nor object URLs (CSV links). */
export function stubBrowserApis(): Blob[] {
  const blobs: Blob[] = [];
  (globalThis as any).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  URL.createObjectURL = (blob: Blob) => {
    blobs.push(blob);
    return 'blob:cost-csv';
  };
  URL.revokeObjectURL = () => {};
  return blobs;
}
