import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { BackendErrorPanel } from '../shared/BackendErrorPanel';
import { ago } from '../shared/ago';
import { HealthChip, ImpactChip, SyncChip } from './DeploymentChips';
import { useDeployments } from './useDeployments';

/** What runs, whether it is healthy, and what the last deployment cost in error budget. */
export function EksDeploymentsCard() {
  const { entity } = useEntity();
  const { state } = useDeployments(entity);
  return (
    <InfoCard title="Deployments">
      <div data-testid="eks-deployments-card">
        {state.loading && <Progress />}
        {'error' in state && <BackendErrorPanel error={state.error} />}
        {'value' in state &&
          (state.value.applications.length === 0 ? (
            <Typography variant="body2">
              No ArgoCD application labelled {state.value.selector}.
            </Typography>
          ) : (
            state.value.applications.map(app => (
              <Box
                key={app.name}
                display="flex"
                alignItems="center"
                flexWrap="wrap"
                py={0.5}
              >
                <Box flexGrow={1}>
                  <Typography variant="body2">
                    {app.name}{' '}
                    <Typography component="span" color="textSecondary">
                      {app.revision ?? '—'}
                      {app.deployedAt
                        ? `, ${ago(app.deployedAt, state.value.generatedAt)}`
                        : ''}
                    </Typography>
                  </Typography>
                </Box>
                <Box mr={1}>
                  <SyncChip status={app.syncStatus} />
                </Box>
                <Box mr={1}>
                  <HealthChip
                    status={app.healthStatus}
                    message={app.healthMessage}
                  />
                </Box>
                <ImpactChip impact={app.history[0]?.impact ?? null} />
              </Box>
            ))
          ))}
      </div>
    </InfoCard>
  );
}
