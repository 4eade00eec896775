import { useMemo, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Grid } from '@material-ui/core';
import {
  ClusterCostReport,
  CostMetric,
  DEFAULT_COST_METRIC,
  DEFAULT_COST_RANGE_MONTHS,
} from '@internal/plugin-eks-platform-common';
import { MetricSelector, RangeSelector } from './CostControls';
import { CostFreshness } from './CostFreshness';
import { CostStateGate } from './CostStateGate';
import { BreakdownTable, EmptyBreakdown, MonthlyCostTable } from './CostTables';
import { CsvDownloadLink } from './CsvDownloadLink';
import { DailyCostChart } from './DailyCostChart';
import { MonthToDatePanel } from './MonthToDatePanel';
import { SpotSavingsPanel } from './SpotSavingsPanel';
import { clusterCostCsv } from './costCsv';
import { formatPeriod, metricLabel } from './format';
import { useClusterCost } from './useCostReports';

function CostDetails({ report }: { report: ClusterCostReport }) {
  const { entity } = useEntity();
  const csv = useMemo(() => clusterCostCsv(report), [report]);
  const { currency } = report;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <CostFreshness
          lastCompleteDay={report.lastCompleteDay}
          estimated={report.estimated}
          currency={currency}
          conversion={report.conversion}
          generatedAt={report.generatedAt}
        />
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard
          title="Month to date, forecast and budget"
          subheader={`${metricLabel(report.metric)} cost, ${formatPeriod(
            report.monthToDate.period,
          )}`}
        >
          <MonthToDatePanel
            mtd={report.monthToDate}
            change={report.monthOverMonth}
            currency={currency}
          />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard
          title="Spot savings"
          subheader={formatPeriod(report.spotSavings.period)}
        >
          <SpotSavingsPanel spot={report.spotSavings} currency={currency} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Daily cost by service"
          subheader={`${formatPeriod(report.range)} (${
            report.range.months
          } months)`}
          action={
            <CsvDownloadLink
              csv={csv}
              filename={`cost-${entity.metadata.name}-${
                report.metric
              }-${report.generatedAt.slice(0, 10)}.csv`}
            />
          }
        >
          <Box overflow="auto">
            <DailyCostChart report={report} />
          </Box>
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Monthly cost">
          <Box overflow="auto">
            <MonthlyCostTable report={report} />
          </Box>
        </InfoCard>
      </Grid>
      {report.breakdowns.map(breakdown => (
        <Grid item xs={12} md={6} key={breakdown.id}>
          <InfoCard
            title={breakdown.title}
            subheader={formatPeriod(breakdown.period)}
          >
            {breakdown.items.length > 0 ? (
              <BreakdownTable breakdown={breakdown} currency={currency} />
            ) : (
              <EmptyBreakdown />
            )}
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
}

/**
 * The Cost tab of a cluster: month to date against forecast and budget, daily cost by
 * service, months, breakdowns, spot savings and a CSV of it all.
 */
export function EksCostContent() {
  const { entity } = useEntity();
  const [metric, setMetric] = useState<CostMetric>(DEFAULT_COST_METRIC);
  const [months, setMonths] = useState<number>(DEFAULT_COST_RANGE_MONTHS);
  const loader = useClusterCost(entity, months, metric);
  return (
    <div data-testid="eks-cost-content">
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        mb={2}
        style={{ gap: 24 }}
      >
        <MetricSelector metric={metric} onChange={setMetric} />
        <RangeSelector months={months} onChange={setMonths} />
      </Box>
      <CostStateGate loader={loader}>
        {report => <CostDetails report={report} />}
      </CostStateGate>
    </div>
  );
}
