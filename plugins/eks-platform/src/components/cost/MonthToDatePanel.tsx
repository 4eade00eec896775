import { Box, Typography } from '@material-ui/core';
import {
  Bar,
  BarChart,
  BarShapeProps,
  CartesianGrid,
  Rectangle,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  MonthOverMonthChange,
  MonthToDateCost,
} from '@internal/plugin-eks-platform-common';
import { BudgetStatusChip, FigureRow, GrowthAlert } from './CostFigures';
import {
  BUDGET_STATUS_COLORS,
  formatForecast,
  formatMonthOverMonth,
  formatMoney,
  formatOptionalMoney,
  formatPercent,
  roundAmount,
} from './format';

/** The projection is coloured by its budget status. */
function BudgetBar(props: BarShapeProps) {
  return <Rectangle {...props} fill={props.payload?.fill ?? props.fill} />;
}

/** Month to date, projected total and budget side by side. */
function BudgetBars(props: { mtd: MonthToDateCost; currency: string }) {
  const { mtd, currency } = props;
  const data = [
    { label: 'Month to date', amount: Number(roundAmount(mtd.amount)) },
    {
      label: 'Projected',
      amount: Number(roundAmount(mtd.projectedMonthTotal)),
      fill: BUDGET_STATUS_COLORS[mtd.status],
    },
    ...(mtd.budget
      ? [{ label: 'Budget', amount: Number(roundAmount(mtd.budget.amount)) }]
      : []),
  ];
  return (
    <BarChart
      width={480}
      height={40 * data.length + 30}
      data={data}
      layout="vertical"
      margin={{ left: 16, right: 24 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" />
      <YAxis type="category" dataKey="label" width={110} />
      <Tooltip
        formatter={(value: unknown) => formatMoney(Number(value), currency)}
      />
      <Bar
        dataKey="amount"
        name={currency}
        fill="#1976d2"
        isAnimationActive={false}
        shape={BudgetBar}
      />
    </BarChart>
  );
}

/** Month to date vs forecast vs budget, and the change against last month. */
export function MonthToDatePanel(props: {
  mtd: MonthToDateCost;
  change: MonthOverMonthChange;
  currency: string;
}) {
  const { mtd, change, currency } = props;
  return (
    <Box>
      <FigureRow
        label={`Month to date (${mtd.month})`}
        value={formatMoney(mtd.amount, currency)}
        testId="cost-mtd"
      />
      <FigureRow
        label="Forecast to month end"
        value={formatForecast(mtd.forecast, currency)}
        testId="cost-forecast"
      />
      <FigureRow
        label="Projected month total"
        value={formatMoney(mtd.projectedMonthTotal, currency)}
        testId="cost-projected"
      />
      <FigureRow
        label={mtd.budget ? `Budget (from ${mtd.budget.source})` : 'Budget'}
        value={formatOptionalMoney(mtd.budget?.amount, currency)}
        testId="cost-budget"
      />
      <FigureRow
        label="Projected % of budget"
        value={formatPercent(mtd.projectedBudgetPercent)}
        testId="cost-budget-percent"
      >
        <BudgetStatusChip status={mtd.status} />
      </FigureRow>
      <FigureRow
        label="Month over month"
        value={formatMonthOverMonth(change)}
        testId="cost-mom"
      />
      <GrowthAlert change={change} currency={currency} />
      {!mtd.forecast && (
        <Typography variant="caption" color="textSecondary">
          AWS gave no forecast: the projection is the month to date alone.
        </Typography>
      )}
      <BudgetBars mtd={mtd} currency={currency} />
    </Box>
  );
}
