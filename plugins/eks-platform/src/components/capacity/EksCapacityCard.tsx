import { InfoCard, LinearGauge, Progress } from '@backstage/core-components';
import { Box, Grid, Typography } from '@material-ui/core';
import { CapacityReport } from '@internal/plugin-eks-platform-common';
import { AutoscalerSummary } from './AutoscalerView';
import { FirstLimitVerdict } from './FirstLimitVerdict';
import {
  formatRequested,
  formatUsd,
  RESOURCE_LABELS,
  ResourceName,
} from './format';
import { SourceWarnings } from './SourceWarnings';
import { useCapacityReport } from './useCapacityReport';
import { BackendErrorPanel } from '../shared/BackendErrorPanel';

const RESOURCES: ResourceName[] = ['cpu', 'memory', 'pods'];

const CapacitySummary = ({ report }: { report: CapacityReport }) => {
  const { totals } = report;
  const kubernetesKnown = report.sources.kubernetes.status === 'ok';
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <SourceWarnings report={report} />
      </Grid>
      <Grid item xs={6}>
        <Typography variant="overline">Nodes</Typography>
        <Typography variant="h5">{totals.nodes}</Typography>
      </Grid>
      <Grid item xs={6}>
        <Typography variant="overline">Estimated price</Typography>
        <Typography variant="h5">
          {totals.price ? `${formatUsd(totals.price.monthly)} / month` : '—'}
        </Typography>
        {totals.price && (
          <Typography variant="caption" color="textSecondary">
            estimate: list prices, spot at a typical discount
          </Typography>
        )}
      </Grid>
      {kubernetesKnown &&
        RESOURCES.map(resource => {
          const figures = totals[resource];
          return (
            <Grid item xs={12} key={resource}>
              <Typography variant="body2">
                {RESOURCE_LABELS[resource]} requested:{' '}
                {formatRequested(resource, figures)}
              </Typography>
              <Box aria-label={`${RESOURCE_LABELS[resource]} requested`}>
                <LinearGauge
                  value={
                    figures.allocatable > 0
                      ? Math.min(1, figures.requested / figures.allocatable)
                      : 0
                  }
                />
              </Box>
            </Grid>
          );
        })}
      <Grid item xs={12}>
        <AutoscalerSummary report={report} />
      </Grid>
      <Grid item xs={12}>
        <FirstLimitVerdict limit={report.firstLimit} />
      </Grid>
    </Grid>
  );
};

/** Overview card: nodes, requested vs allocatable, autoscaling, first limit, estimated price. */
export const EksCapacityCard = () => {
  const state = useCapacityReport();
  return (
    <div data-testid="eks-capacity-card">
      <InfoCard title="Capacity">
        {state.status === 'loading' && <Progress />}
        {state.status === 'error' && <BackendErrorPanel error={state.error} />}
        {state.status === 'loaded' && <CapacitySummary report={state.report} />}
      </InfoCard>
    </div>
  );
};
