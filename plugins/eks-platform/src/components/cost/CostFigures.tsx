/** Small building blocks of the cost views: a labelled figure, status chips, alerts. */
import { ReactNode } from 'react';
import { Box, Chip, Typography } from '@material-ui/core';
import {
  BudgetStatus,
  MonthOverMonthChange,
} from '@internal/plugin-eks-platform-common';
import {
  BUDGET_STATUS_COLORS,
  BUDGET_STATUS_LABELS,
  formatChange,
  formatMoney,
} from './format';

export function FigureRow(props: {
  label: string;
  value: string;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <Box
      display="flex"
      justifyContent="space-between"
      alignItems="center"
      py={0.5}
    >
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="body2" data-testid={props.testId}>
          {props.value}
        </Typography>
        {props.children}
      </Box>
    </Box>
  );
}

export function BudgetStatusChip({ status }: { status: BudgetStatus }) {
  return (
    <Chip
      size="small"
      label={BUDGET_STATUS_LABELS[status]}
      data-testid="budget-status"
      style={{ backgroundColor: BUDGET_STATUS_COLORS[status], color: '#fff' }}
    />
  );
}

export function EstimatedChip() {
  return (
    <Chip
      size="small"
      variant="outlined"
      label="Estimated"
      data-testid="estimated-chip"
    />
  );
}

/** A visible alert when month-to-date cost grew more than the threshold. */
export function GrowthAlert({
  change,
  currency,
}: {
  change: MonthOverMonthChange;
  currency: string;
}) {
  if (!change.growthAlert) return null;
  return (
    <Box
      role="alert"
      data-testid="growth-alert"
      mt={1}
      p={1}
      borderRadius={4}
      style={{ backgroundColor: '#fdecea', color: '#611a15' }}
    >
      <Typography variant="body2">
        Growth alert: {formatChange(change.changePercent)} against the same days
        of last month ({formatMoney(change.previous.amount, currency)} →{' '}
        {formatMoney(change.current.amount, currency)}), above the{' '}
        {change.thresholdPercent}% threshold.
      </Typography>
    </Box>
  );
}
