import { ResponseErrorPanel, WarningPanel } from '@backstage/core-components';
import { notManagedClusterReason } from './notManagedCluster';

export const NOT_MANAGED_CLUSTER_TITLE = 'Not a managed cluster';

/**
 * A failed request to the eks-platform backend. A cluster it does not manage is not a
 * fault: its reason is shown open, in words; anything else gets Backstage's panel.
 */
export function BackendErrorPanel({ error }: { error: Error }) {
  const reason = notManagedClusterReason(error);
  if (reason !== undefined) {
    return (
      <div data-testid="not-managed-cluster">
        <WarningPanel
          severity="info"
          title={NOT_MANAGED_CLUSTER_TITLE}
          message={reason}
          defaultExpanded
        />
      </div>
    );
  }
  return <ResponseErrorPanel error={error} />;
}
