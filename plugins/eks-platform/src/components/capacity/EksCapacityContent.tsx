import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { Grid, Typography } from '@material-ui/core';
import { CapacityReport } from '@internal/plugin-eks-platform-common';
import { AutoscalerDetails } from './AutoscalerView';
import { FirstLimitVerdict } from './FirstLimitVerdict';
import { NodeGroupChart } from './NodeGroupChart';
import { IpCeilingTable, NodeGroupTable } from './NodeGroupTable';
import { SourceWarnings } from './SourceWarnings';
import { useCapacityReport } from './useCapacityReport';
import { BackendErrorPanel } from '../shared/BackendErrorPanel';

const CapacityDetails = (props: {
  report: CapacityReport;
  chartWidth?: number;
}) => {
  const { report } = props;
  const kubernetesKnown = report.sources.kubernetes.status === 'ok';
  if (report.nodeGroups.length === 0) {
    return (
      <>
        <SourceWarnings report={report} />
        <EmptyState
          missing="data"
          title="No node groups"
          description="Neither EKS nor Kubernetes reports nodes for this cluster."
        />
      </>
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <SourceWarnings report={report} />
        <FirstLimitVerdict limit={report.firstLimit} />
      </Grid>
      {kubernetesKnown &&
        (['cpu', 'memory', 'pods'] as const).map(resource => (
          <Grid item xs={12} md={4} key={resource}>
            <NodeGroupChart
              resource={resource}
              nodeGroups={report.nodeGroups}
              width={props.chartWidth}
            />
          </Grid>
        ))}
      <Grid item xs={12}>
        <InfoCard title="Node groups">
          <NodeGroupTable
            nodeGroups={report.nodeGroups}
            kubernetesKnown={kubernetesKnown}
          />
          <Typography variant="caption" color="textSecondary">
            Prices are estimates: eu-west-3 on-demand list prices, spot at a
            typical discount. Report generated {report.generatedAt}.
          </Typography>
        </InfoCard>
      </Grid>
      {report.autoscaler && (
        <Grid item xs={12}>
          <InfoCard title="Cluster Autoscaler">
            <AutoscalerDetails report={report} />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title="IP ceiling per availability zone">
          <IpCeilingTable nodeGroups={report.nodeGroups} />
        </InfoCard>
      </Grid>
    </Grid>
  );
};

/** Capacity tab: per node group charts, the full table, the autoscaler's view and the IP ceiling per AZ. */
export const EksCapacityContent = (props: { chartWidth?: number }) => {
  const state = useCapacityReport();
  if (state.status === 'loading') return <Progress />;
  if (state.status === 'error') {
    return <BackendErrorPanel error={state.error} />;
  }
  return (
    <div data-testid="eks-capacity-content">
      <CapacityDetails report={state.report} chartWidth={props.chartWidth} />
    </div>
  );
};
