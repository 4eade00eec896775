import { InfoCard } from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import {
  ClusterCostReport,
  DEFAULT_COST_METRIC,
} from '@internal/plugin-eks-platform-common';
import {
  BudgetStatusChip,
  EstimatedChip,
  FigureRow,
  GrowthAlert,
} from './CostFigures';
import { CostStateGate } from './CostStateGate';
import {
  formatChange,
  formatFreshness,
  formatMoney,
  formatOptionalMoney,
  formatPercent,
  metricLabel,
} from './format';
import { useClusterCost } from './useCostReports';

function CostSummary({ report }: { report: ClusterCostReport }) {
  const { monthToDate: mtd, monthOverMonth: mom, currency } = report;
  return (
    <>
      <FigureRow
        label={`Month to date (${mtd.month})`}
        value={formatMoney(mtd.amount, currency)}
        testId="cost-card-mtd"
      />
      <FigureRow
        label="Projected month total"
        value={formatMoney(mtd.projectedMonthTotal, currency)}
        testId="cost-card-projected"
      />
      <FigureRow
        label="Budget"
        value={
          mtd.budget
            ? `${formatOptionalMoney(
                mtd.budget.amount,
                currency,
              )} (${formatPercent(mtd.projectedBudgetPercent)} projected)`
            : formatOptionalMoney(undefined, currency)
        }
        testId="cost-card-budget"
      >
        <BudgetStatusChip status={mtd.status} />
      </FigureRow>
      <FigureRow
        label="Month over month"
        value={formatChange(mom.changePercent)}
        testId="cost-card-mom"
      />
      <GrowthAlert change={mom} currency={currency} />
      <Box mt={1} display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="caption" color="textSecondary">
          {metricLabel(report.metric)} cost.{' '}
          {formatFreshness(report.lastCompleteDay)}
        </Typography>
        {report.estimated && <EstimatedChip />}
      </Box>
    </>
  );
}

/** Overview card: month to date, projected total against budget, change vs last month. */
export function EksCostCard() {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const loader = useClusterCost(entity, 1, DEFAULT_COST_METRIC);
  return (
    <div data-testid="eks-cost-card">
      <InfoCard
        title="Cost"
        deepLink={{
          title: 'View cost details',
          link: `${entityLink(entity)}/cost`,
        }}
      >
        <CostStateGate loader={loader} compact>
          {report => <CostSummary report={report} />}
        </CostStateGate>
      </InfoCard>
    </div>
  );
}
