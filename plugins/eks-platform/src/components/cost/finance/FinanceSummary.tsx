import { Box, Typography } from '@material-ui/core';
import { FinanceCostReport } from '@internal/plugin-eks-platform-common';
import { formatMoney } from '../format';

function Figure(props: { label: string; value: string; testId: string }) {
  return (
    <Box minWidth={180}>
      <Typography variant="overline" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="h6" component="p" data-testid={props.testId}>
        {props.value}
      </Typography>
    </Box>
  );
}

/**
 * Sums over the environments that have figures, and how many have none. The budget sums
 * only the environments that have one, so no overall percentage is derived from it.
 */
export function FinanceSummary({ report }: { report: FinanceCostReport }) {
  const { totals, currency } = report;
  const without = totals.environmentsWithoutFigures;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 24 }}>
      <Figure
        label={`Month to date (${report.month})`}
        value={formatMoney(totals.monthToDate, currency)}
        testId="finance-total-mtd"
      />
      <Figure
        label="Projected month total"
        value={formatMoney(totals.projectedMonthTotal, currency)}
        testId="finance-total-projected"
      />
      <Figure
        label="Budget"
        value={formatMoney(totals.budget, currency)}
        testId="finance-total-budget"
      />
      <Figure
        label="Without figures"
        value={without === 1 ? '1 environment' : `${without} environments`}
        testId="finance-without-figures"
      />
    </Box>
  );
}
