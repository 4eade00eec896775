import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { FinanceCostReport } from '@internal/plugin-eks-platform-common';
import { formatAmount, formatMoney, roundAmount } from '../format';

/** Projected month total against budget, per environment with figures. */
export function ProjectedVsBudgetChart({
  report,
}: {
  report: FinanceCostReport;
}) {
  const data = report.environments
    .filter(env => env.monthToDate)
    .map(env => ({
      title: env.title,
      projected: Number(roundAmount(env.monthToDate!.projectedMonthTotal)),
      budget:
        env.monthToDate!.budget === undefined
          ? null
          : Number(roundAmount(env.monthToDate!.budget.amount)),
    }));
  return (
    <BarChart width={720} height={280} data={data}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="title" />
      <YAxis
        width={88}
        tickFormatter={(value: number) => formatAmount(value)}
      />
      <Tooltip
        formatter={(value: unknown) =>
          formatMoney(Number(value), report.currency)
        }
      />
      <Legend />
      <Bar
        dataKey="projected"
        name="Projected month total"
        fill="#1976d2"
        isAnimationActive={false}
      />
      <Bar
        dataKey="budget"
        name="Budget"
        fill="#9e9e9e"
        isAnimationActive={false}
      />
    </BarChart>
  );
}
