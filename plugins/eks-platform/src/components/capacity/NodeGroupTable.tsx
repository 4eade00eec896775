import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { NodeGroupCapacity } from '@internal/plugin-eks-platform-common';
import { formatRequested, formatUsd } from './format';

function scaling(group: NodeGroupCapacity): string {
  if (group.maxSize === undefined) return '—';
  return `${group.minSize} / ${group.desiredSize} / ${group.maxSize}`;
}

function capacityTypeText(group: NodeGroupCapacity): string {
  if (group.capacityType === 'SPOT') return 'Spot';
  if (group.capacityType === 'ON_DEMAND') return 'On-demand';
  return '—';
}

/** Every figure of every node group: sizes, requests, headroom, price. */
export const NodeGroupTable = (props: {
  nodeGroups: NodeGroupCapacity[];
  kubernetesKnown: boolean;
}) => {
  const { nodeGroups, kubernetesKnown } = props;
  const requested = (group: NodeGroupCapacity, r: 'cpu' | 'memory' | 'pods') =>
    kubernetesKnown ? formatRequested(r, group[r]) : '—';
  return (
    <Table size="small" aria-label="Node groups">
      <TableHead>
        <TableRow>
          <TableCell>Node group</TableCell>
          <TableCell>Capacity type</TableCell>
          <TableCell>Instance types</TableCell>
          <TableCell>Min / desired / max</TableCell>
          <TableCell>Nodes</TableCell>
          <TableCell>CPU requested</TableCell>
          <TableCell>Memory requested</TableCell>
          <TableCell>Pods</TableCell>
          <TableCell>Headroom (nodes)</TableCell>
          <TableCell>Node ceiling</TableCell>
          <TableCell>Estimated price / month</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {nodeGroups.map(group => (
          <TableRow key={group.name}>
            <TableCell>{group.name}</TableCell>
            <TableCell>{capacityTypeText(group)}</TableCell>
            <TableCell>{group.instanceTypes.join(', ')}</TableCell>
            <TableCell>{scaling(group)}</TableCell>
            <TableCell>{group.currentNodes}</TableCell>
            <TableCell>{requested(group, 'cpu')}</TableCell>
            <TableCell>{requested(group, 'memory')}</TableCell>
            <TableCell>{requested(group, 'pods')}</TableCell>
            <TableCell>{group.headroomNodes ?? '—'}</TableCell>
            <TableCell>{group.nodeCeiling ?? '—'}</TableCell>
            <TableCell title={group.price?.basis}>
              {group.price
                ? `${formatUsd(group.price.monthly)} (${formatUsd(
                    group.price.hourly,
                  )}/h, est.)`
                : '—'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** Free addresses per private subnet and the nodes of each group that still fit. */
export const IpCeilingTable = (props: { nodeGroups: NodeGroupCapacity[] }) => (
  <Table size="small" aria-label="IP ceiling per availability zone">
    <TableHead>
      <TableRow>
        <TableCell>Node group</TableCell>
        <TableCell>Availability zone</TableCell>
        <TableCell>Subnet</TableCell>
        <TableCell>Free addresses</TableCell>
        <TableCell>Addresses per node</TableCell>
        <TableCell>More nodes that fit</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {props.nodeGroups.flatMap(group =>
        group.ipCeiling.map(az => (
          <TableRow key={`${group.name}/${az.subnetId}`}>
            <TableCell>{group.name}</TableCell>
            <TableCell>{az.availabilityZone}</TableCell>
            <TableCell>
              {az.subnetId} ({az.cidrBlock})
            </TableCell>
            <TableCell>{az.freeAddresses}</TableCell>
            <TableCell>{az.addressesPerNode}</TableCell>
            <TableCell>{az.nodesThatFit}</TableCell>
          </TableRow>
        )),
      )}
    </TableBody>
  </Table>
);
