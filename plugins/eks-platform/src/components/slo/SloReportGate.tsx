import { ReactNode } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  hasSloAnnotations,
  SLO_ANNOTATIONS,
  SloReport,
} from '@internal/plugin-eks-platform-common';
import { useSloReport } from './useSloReport';

/**
 * Loads the entity's SLO report and renders `children` with it, or says why there is
 * none: no SLO annotations, an invalid definition, an unreachable or failing Prometheus.
 */
export function SloReportGate(props: {
  children: (report: SloReport) => ReactNode;
}) {
  const { entity } = useEntity();
  if (!hasSloAnnotations(entity)) {
    return (
      <EmptyState
        missing="field"
        title="No SLO defined"
        description={`Add the ${SLO_ANNOTATIONS.total} and ${SLO_ANNOTATIONS.bad} annotations (or ${SLO_ANNOTATIONS.uptime}) to this entity to track its SLO.`}
      />
    );
  }
  return <LoadedSloReport>{props.children}</LoadedSloReport>;
}

function LoadedSloReport(props: {
  children: (report: SloReport) => ReactNode;
}) {
  const { entity } = useEntity();
  const state = useSloReport(entity);
  if (state.loading) return <Progress />;
  if ('error' in state) return <ResponseErrorPanel error={state.error} />;
  const { response } = state;
  if (response.status === 'error') {
    return (
      <WarningPanel
        severity="error"
        title="Prometheus failed to answer the SLO queries"
        message={response.error.message}
      />
    );
  }
  return <>{props.children(response.report)}</>;
}
