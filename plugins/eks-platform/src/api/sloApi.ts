import { createApiRef } from '@backstage/core-plugin-api';
import { SloReportResponse } from '@internal/plugin-eks-platform-common';
import { BackendClientOptions, getFromBackend } from './backendRequest';

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
  constructor(private readonly options: BackendClientOptions) {}

  getSloReport(entityRef: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<SloReportResponse> {
    return getFromBackend<SloReportResponse>(
      this.options,
      ['slo', entityRef.namespace, entityRef.name],
      { kind: entityRef.kind.toLocaleLowerCase('en-US') },
    );
  }
}
