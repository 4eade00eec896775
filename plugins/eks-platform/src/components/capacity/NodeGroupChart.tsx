import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Typography } from '@material-ui/core';
import { NodeGroupCapacity } from '@internal/plugin-eks-platform-common';
import { RESOURCE_LABELS, ResourceName } from './format';

const SCALE: Record<ResourceName, { divisor: number; unit: string }> = {
  cpu: { divisor: 1000, unit: 'vCPU' },
  memory: { divisor: 2 ** 30, unit: 'GiB' },
  pods: { divisor: 1, unit: 'pods' },
};

/** Allocatable vs requested (and usage when measured) of one resource, per node group. */
export const NodeGroupChart = (props: {
  resource: ResourceName;
  nodeGroups: NodeGroupCapacity[];
  width?: number;
}) => {
  const { resource, nodeGroups } = props;
  const { divisor, unit } = SCALE[resource];
  const round = (value: number) => Math.round((value / divisor) * 10) / 10;
  const data = nodeGroups.map(group => ({
    name: group.name,
    allocatable: round(group[resource].allocatable),
    requested: round(group[resource].requested),
    ...(group[resource].usage !== undefined
      ? { usage: round(group[resource].usage ?? 0) }
      : {}),
  }));
  const hasUsage = data.some(row => 'usage' in row);
  return (
    <>
      <Typography variant="subtitle2">
        {RESOURCE_LABELS[resource]} ({unit})
      </Typography>
      <BarChart
        width={props.width ?? 420}
        height={240}
        data={data}
        accessibilityLayer
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" />
        <YAxis />
        <Tooltip />
        <Legend />
        <Bar dataKey="allocatable" name="Allocatable" fill="#90caf9" />
        <Bar dataKey="requested" name="Requested" fill="#1565c0" />
        {hasUsage && <Bar dataKey="usage" name="Usage" fill="#2e7d32" />}
      </BarChart>
    </>
  );
};
