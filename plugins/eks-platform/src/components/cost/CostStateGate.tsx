import { ReactNode } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Box, Button } from '@material-ui/core';
import { classifyCostError } from './costErrors';
import { CostMessagePanel, NotPermittedPanel } from './CostPanels';
import { NOT_MANAGED_CLUSTER_TITLE } from '../shared/BackendErrorPanel';
import { Loader } from '../shared/useLoader';

/**
 * Renders `children` with a loaded cost report, or the reason there is none: loading,
 * not permitted (403), the cost annotations missing or a bad parameter (400, with the
 * backend's message), a cluster the product does not manage or an unknown entity (404,
 * with the backend's message), or any other error with a retry.
 */
export function CostStateGate<T>(props: {
  loader: Loader<T>;
  compact?: boolean;
  children: (value: T) => ReactNode;
}) {
  const { state, retry } = props.loader;
  if (state.loading) return <Progress />;
  if (!('error' in state)) return <>{props.children(state.value)}</>;

  const error = classifyCostError(state.error);
  switch (error.kind) {
    case 'not-permitted':
      return <NotPermittedPanel compact={props.compact} />;
    case 'bad-request':
      return (
        <CostMessagePanel
          compact={props.compact}
          testId="cost-not-configured"
          title="Cost is not available for this entity"
          message={error.message}
        />
      );
    case 'not-managed':
      return (
        <CostMessagePanel
          compact={props.compact}
          testId="cost-not-managed"
          title={NOT_MANAGED_CLUSTER_TITLE}
          message={error.message}
        />
      );
    case 'not-found':
      return (
        <CostMessagePanel
          compact={props.compact}
          title="Entity not found"
          message={error.message}
        />
      );
    default:
      return (
        <>
          <ResponseErrorPanel error={state.error} />
          <Box mt={1}>
            <Button variant="outlined" onClick={retry}>
              Retry
            </Button>
          </Box>
        </>
      );
  }
}
