/**
 * Client of the backend's capacity route: `GET /api/eks-platform/capacity/:namespace/:name`.
 */
import { createApiRef } from '@backstage/core-plugin-api';
import { CapacityReport } from '@internal/plugin-eks-platform-common';
import { BackendClientOptions, getFromBackend } from './backendRequest';

/** @public */
export interface CapacityApi {
  getCapacity(entityRef: {
    namespace: string;
    name: string;
  }): Promise<CapacityReport>;
}

/** @public */
export const capacityApiRef = createApiRef<CapacityApi>({
  id: 'plugin.eks-platform.capacity',
});

/** @public */
export class CapacityClient implements CapacityApi {
  constructor(private readonly options: BackendClientOptions) {}

  getCapacity(entityRef: {
    namespace: string;
    name: string;
  }): Promise<CapacityReport> {
    return getFromBackend<CapacityReport>(this.options, [
      'capacity',
      entityRef.namespace,
      entityRef.name,
    ]);
  }
}
