import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { SloReport } from '@internal/plugin-eks-platform-common';

const WIDTH = 720;
const HEIGHT = 260;

/** Error budget left over the rolling window against the straight ideal line. */
export function BurnDownChart({ report }: { report: SloReport }) {
  const data = report.burnDown.map(point => ({
    day: point.time.slice(5, 10),
    remaining: Number(point.remainingPercent.toFixed(1)),
    ideal: Number(point.idealPercent.toFixed(1)),
  }));
  return (
    <LineChart width={WIDTH} height={HEIGHT} data={data}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="day" minTickGap={16} />
      <YAxis unit="%" width={72} domain={['auto', 100]} />
      <Tooltip />
      <Legend />
      <ReferenceLine y={0} stroke="#d32f2f" />
      <Line
        type="linear"
        dataKey="remaining"
        name="budget left"
        stroke="#1976d2"
        dot={false}
        isAnimationActive={false}
      />
      <Line
        type="linear"
        dataKey="ideal"
        name="ideal"
        stroke="#9e9e9e"
        strokeDasharray="5 5"
        dot={false}
        isAnimationActive={false}
      />
    </LineChart>
  );
}

/** Attainment of each UTC day of the window, against the objective. */
export function DailyAttainmentChart({ report }: { report: SloReport }) {
  const objective = report.definition.objectivePercent;
  const data = report.daily.map(day => ({
    day: day.date.slice(5),
    attainment:
      day.attainmentPercent === null
        ? null
        : Number(day.attainmentPercent.toFixed(4)),
  }));
  const lowest = Math.min(objective, ...data.map(d => d.attainment ?? 100));
  return (
    <BarChart width={WIDTH} height={HEIGHT} data={data}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="day" minTickGap={16} />
      <YAxis
        unit="%"
        width={72}
        domain={[Math.floor(lowest * 10) / 10 - 0.1, 100]}
        allowDataOverflow
        // Floating-point ticks (99.90000001) would not fit the axis.
        tickFormatter={(value: number) => value.toFixed(2)}
      />
      <Tooltip />
      <ReferenceLine y={objective} stroke="#d32f2f" label={`${objective}%`} />
      <Bar
        dataKey="attainment"
        name="daily attainment"
        fill="#1976d2"
        isAnimationActive={false}
      />
    </BarChart>
  );
}
