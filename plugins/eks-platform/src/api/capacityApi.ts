/**
 * Client of the backend's capacity route: `GET /api/eks-platform/capacity/:namespace/:name`.
 */
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { CapacityReport } from '@internal/plugin-eks-platform-common';

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
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getCapacity(entityRef: {
    namespace: string;
    name: string;
  }): Promise<CapacityReport> {
    const baseUrl = await this.discoveryApi.getBaseUrl('eks-platform');
    const path = `/capacity/${encodeURIComponent(
      entityRef.namespace,
    )}/${encodeURIComponent(entityRef.name)}`;
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as CapacityReport;
  }
}
