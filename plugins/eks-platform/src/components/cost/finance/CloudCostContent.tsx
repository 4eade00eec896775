import { useMemo, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { Box, Grid, Typography } from '@material-ui/core';
import {
  CostMetric,
  DEFAULT_FINANCE_COST_METRIC,
  FinanceCostReport,
} from '@internal/plugin-eks-platform-common';
import { MetricSelector } from '../CostControls';
import { EstimatedChip } from '../CostFigures';
import { CostStateGate } from '../CostStateGate';
import { CsvDownloadLink } from '../CsvDownloadLink';
import { formatCurrencyNote, metricLabel } from '../format';
import { useEnvironmentCosts } from '../useCostReports';
import { FinanceCostTable } from './FinanceCostTable';
import { FinanceSummary } from './FinanceSummary';
import { ProjectedVsBudgetChart } from './ProjectedVsBudgetChart';
import { financeCostCsv } from './financeCsv';

function FinanceDetails({ report }: { report: FinanceCostReport }) {
  const csv = useMemo(() => financeCostCsv(report), [report]);
  const estimated = report.environments.some(env => env.estimated);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={`Totals for ${report.month}`}
          subheader={`${metricLabel(report.metric)} cost. ${formatCurrencyNote(
            report.currency,
            report.conversion,
          )} · as of ${report.generatedAt.replace('T', ' ').slice(0, 16)} UTC`}
          action={
            <CsvDownloadLink
              csv={csv}
              filename={`cloud-cost-${report.month}-${report.metric}.csv`}
            />
          }
        >
          <FinanceSummary report={report} />
          {estimated && (
            <Box mt={1} display="flex" alignItems="center" style={{ gap: 8 }}>
              <EstimatedChip />
              <Typography variant="body2" color="textSecondary">
                Some figures are estimated: Cost Explorer has not finalised the
                days after each environment's last complete day.
              </Typography>
            </Box>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <FinanceCostTable report={report} />
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Projected vs budget">
          <Box overflow="auto">
            <ProjectedVsBudgetChart report={report} />
          </Box>
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/** The finance page's content: every environment's month against its budget. */
export function CloudCostContent() {
  const [metric, setMetric] = useState<CostMetric>(DEFAULT_FINANCE_COST_METRIC);
  const loader = useEnvironmentCosts(metric);
  return (
    <div data-testid="eks-cloud-cost">
      <Box mb={2}>
        <MetricSelector metric={metric} onChange={setMetric} />
      </Box>
      <CostStateGate loader={loader}>
        {report => <FinanceDetails report={report} />}
      </CostStateGate>
    </div>
  );
}
