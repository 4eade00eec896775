import { Typography } from '@material-ui/core';
import {
  Bar,
  BarChart,
  BarShapeProps,
  CartesianGrid,
  Legend,
  Rectangle,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ClusterCostReport } from '@internal/plugin-eks-platform-common';
import { formatAmount, formatMoney, roundAmount } from './format';
import { serviceColor } from './palette';

const ESTIMATED_OPACITY = 0.4;

interface DayRow {
  day: string;
  estimated: boolean;
  /** Rounded amounts in `report.services` order. */
  amounts: number[];
}

/** Estimated days are drawn lighter than final ones. */
function DayBar(props: BarShapeProps) {
  const estimated = (props.payload as DayRow | undefined)?.estimated;
  return (
    <Rectangle
      {...props}
      fillOpacity={estimated ? ESTIMATED_OPACITY : 1}
      className={estimated ? 'cost-day-estimated' : 'cost-day-final'}
    />
  );
}

/** Daily cost stacked by service, largest service at the bottom. */
export function DailyCostChart({ report }: { report: ClusterCostReport }) {
  const data: DayRow[] = report.daily.map(day => ({
    day: day.date,
    estimated: day.estimated,
    amounts: report.services.map(s =>
      Number(roundAmount(day.byService[s] ?? 0)),
    ),
  }));
  return (
    <>
      <BarChart width={960} height={320} data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="day" minTickGap={16} />
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
        {report.services.map((service, index) => (
          <Bar
            key={service}
            stackId="cost"
            dataKey={(row: DayRow) => row.amounts[index]}
            name={service}
            fill={serviceColor(index)}
            shape={DayBar}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
      <Typography variant="caption" color="textSecondary">
        Amounts in {report.currency}. Lighter bars are estimated days (after the
        last complete day).
      </Typography>
    </>
  );
}
