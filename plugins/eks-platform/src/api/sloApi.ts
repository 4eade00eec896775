import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { SloReportResponse } from '@internal/plugin-eks-platform-common';

/** SLO reports of catalog entities, computed by the eks-platform backend. */
export interface SloApi {
  getSloReport(entityRef: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<SloReportResponse>;
}

/** @public */
export const sloApiRef = createApiRef<SloApi>({
  id: 'plugin.eks-platform.slo',
});

/** Calls `GET /api/eks-platform/slo/:namespace/:name?kind=…` as the signed-in user. */
export class SloClient implements SloApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getSloReport(entityRef: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<SloReportResponse> {
    const baseUrl = await this.discoveryApi.getBaseUrl('eks-platform');
    const path = `slo/${encodeURIComponent(
      entityRef.namespace,
    )}/${encodeURIComponent(entityRef.name)}`;
    const query = new URLSearchParams({
      kind: entityRef.kind.toLocaleLowerCase('en-US'),
    });
    const response = await this.fetchApi.fetch(`${baseUrl}/${path}?${query}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as SloReportResponse;
  }
}
