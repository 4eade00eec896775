import { createApiRef } from '@backstage/core-plugin-api';
import {
  DeploymentActionResult,
  DeploymentsReport,
  RollbackRequest,
} from '@internal/plugin-eks-platform-common';
import {
  BackendClientOptions,
  getFromBackend,
  postToBackend,
} from './backendRequest';

export interface DeploymentsEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/** An entity's ArgoCD applications, and the actions on them, through the eks-platform backend. */
export interface DeploymentsApi {
  getDeployments(entityRef: DeploymentsEntityRef): Promise<DeploymentsReport>;
  sync(
    entityRef: DeploymentsEntityRef,
    application: string,
  ): Promise<DeploymentActionResult>;
  rollback(
    entityRef: DeploymentsEntityRef,
    application: string,
    request: RollbackRequest,
  ): Promise<DeploymentActionResult>;
}

/** @public */
export const deploymentsApiRef = createApiRef<DeploymentsApi>({
  id: 'plugin.eks-platform.deployments',
});

const segmentsOf = (ref: DeploymentsEntityRef) => [
  'deployments',
  ref.namespace,
  ref.name,
];
const kindOf = (ref: DeploymentsEntityRef) => ({
  kind: ref.kind.toLocaleLowerCase('en-US'),
});

/** Calls `/api/eks-platform/deployments/…` as the signed-in user. */
export class DeploymentsClient implements DeploymentsApi {
  constructor(private readonly options: BackendClientOptions) {}

  getDeployments(ref: DeploymentsEntityRef): Promise<DeploymentsReport> {
    return getFromBackend(this.options, segmentsOf(ref), kindOf(ref));
  }

  sync(
    ref: DeploymentsEntityRef,
    application: string,
  ): Promise<DeploymentActionResult> {
    return postToBackend(
      this.options,
      [...segmentsOf(ref), 'applications', application, 'sync'],
      {},
      kindOf(ref),
    );
  }

  rollback(
    ref: DeploymentsEntityRef,
    application: string,
    request: RollbackRequest,
  ): Promise<DeploymentActionResult> {
    return postToBackend(
      this.options,
      [...segmentsOf(ref), 'applications', application, 'rollback'],
      request,
      kindOf(ref),
    );
  }
}
