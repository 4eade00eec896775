import { ReactNode } from 'react';
import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { CapacityApi, capacityApiRef } from '../../../api/capacityApi';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'dpj-prod-cluster', namespace: 'default' },
  spec: { type: 'kubernetes-cluster', owner: 'platform-team' },
};

/** Renders a capacity component for dpj-prod-cluster with the given API. */
export function renderWithCapacity(api: CapacityApi, element: ReactNode) {
  return renderInTestApp(
    <TestApiProvider apis={[[capacityApiRef, api]]}>
      <EntityProvider entity={entity}>{element}</EntityProvider>
    </TestApiProvider>,
  );
}
