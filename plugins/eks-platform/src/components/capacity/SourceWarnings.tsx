import { WarningPanel } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { CapacityReport } from '@internal/plugin-eks-platform-common';

/** Says which source is missing and why, so partial figures are not read as complete. */
export const SourceWarnings = ({ report }: { report: CapacityReport }) => {
  const { aws, kubernetes, metrics } = report.sources;
  return (
    <>
      {aws.status === 'error' && (
        <WarningPanel
          severity="warning"
          title="AWS side unavailable: node group sizes, subnets and prices are missing"
          message={aws.reason}
        />
      )}
      {kubernetes.status === 'error' && (
        <WarningPanel
          severity="warning"
          title="Kubernetes unreachable: allocatable and requested figures are missing"
          message={kubernetes.reason}
        />
      )}
      {metrics.status === 'unavailable' && kubernetes.status === 'ok' && (
        <Typography variant="caption" color="textSecondary" component="p">
          Usage not available: {metrics.reason}
        </Typography>
      )}
    </>
  );
};
