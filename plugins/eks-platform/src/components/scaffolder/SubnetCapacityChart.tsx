import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { CapacityRow } from './subnetLayout';

/** Usable addresses of each private subnet against what the node groups need at max size. */
export const SubnetCapacityChart = (props: { rows: CapacityRow[] }) => {
  const data = props.rows.flatMap(row =>
    row.capacity && row.availabilityZone
      ? [
          {
            zone: row.availabilityZone,
            usable: row.capacity.usableAddresses,
            needed: row.capacity.requiredAddresses,
          },
        ]
      : [],
  );
  if (data.length === 0) return null;
  return (
    <BarChart width={420} height={180} data={data} accessibilityLayer>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="zone" />
      <YAxis />
      <Tooltip />
      <Legend />
      <Bar dataKey="usable" name="Usable IPs (private)" fill="#90caf9" />
      <Bar dataKey="needed" name="IPs needed at max nodes" fill="#1565c0" />
    </BarChart>
  );
};
