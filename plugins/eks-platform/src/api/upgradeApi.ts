import { createApiRef } from '@backstage/core-plugin-api';
import { UpgradeReadiness } from '@internal/plugin-eks-platform-common';
import { BackendClientOptions, getFromBackend } from './backendRequest';

/** Where a managed cluster stands for its next Kubernetes upgrade. */
export interface UpgradeApi {
  getUpgradeReadiness(entityRef: {
    namespace: string;
    name: string;
  }): Promise<UpgradeReadiness>;
}

/** @public */
export const upgradeApiRef = createApiRef<UpgradeApi>({
  id: 'plugin.eks-platform.upgrade',
});

/** Calls `GET /api/eks-platform/upgrade-readiness/:namespace/:name` as the signed-in user. */
export class UpgradeClient implements UpgradeApi {
  constructor(private readonly options: BackendClientOptions) {}

  getUpgradeReadiness(ref: {
    namespace: string;
    name: string;
  }): Promise<UpgradeReadiness> {
    return getFromBackend(this.options, [
      'upgrade-readiness',
      ref.namespace,
      ref.name,
    ]);
  }
}
