import { WarningPanel } from '@backstage/core-components';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  CapacityReport,
  NodeGroupCapacity,
} from '@internal/plugin-eks-platform-common';
import { ago } from '../shared/ago';

function scaleUpText(group: NodeGroupCapacity, generatedAt: string): string {
  const status = group.autoscaling;
  if (!status) return '—';
  if (status.scaleUp === 'Backoff') return `Backoff: ${status.backoff ?? ''}`;
  if (status.scaleUp === 'InProgress')
    return `In progress since ${ago(status.scaleUpSince, generatedAt)}`;
  return 'No activity';
}

function lastScaleUpText(group: NodeGroupCapacity, generatedAt: string) {
  const last = group.autoscaling?.lastScaleUp;
  return last
    ? `${last.fromNodes} → ${last.toNodes} nodes, ${ago(last.at, generatedAt)}`
    : 'none in the last hour';
}

/** One line for the card: whether an autoscaler runs, what waits, what it is doing. */
export const AutoscalerSummary = ({ report }: { report: CapacityReport }) => {
  const { autoscaler, pendingPods = [] } = report;
  if (!autoscaler) return null;
  const scaling = report.nodeGroups.filter(
    g => g.autoscaling?.scaleUp === 'InProgress',
  );
  return (
    <>
      <Typography variant="overline">Autoscaling</Typography>
      {autoscaler.status === 'absent' ? (
        <Typography variant="body2" color="error">
          No Cluster Autoscaler runs: node groups stay at their desired size
        </Typography>
      ) : (
        <Typography variant="body2">
          {pendingPods.length} pod{pendingPods.length === 1 ? '' : 's'} pending
          {scaling.length > 0
            ? `; scaling up ${scaling.map(g => g.name).join(', ')}`
            : ''}
          ; {report.nodeGroups.reduce((n, g) => n + (g.headroomNodes ?? 0), 0)}{' '}
          nodes may still be added
        </Typography>
      )}
    </>
  );
};

/** The tab's view: per node group what it may add and did, then the pods that wait. */
export const AutoscalerDetails = ({ report }: { report: CapacityReport }) => {
  const { autoscaler, pendingPods = [], generatedAt } = report;
  if (!autoscaler) return null;
  if (autoscaler.status === 'absent') {
    return (
      <WarningPanel
        severity="warning"
        title="No Cluster Autoscaler runs: nothing adds nodes when pods wait"
        message={autoscaler.reason}
      />
    );
  }
  return (
    <>
      <Table size="small" aria-label="Autoscaler">
        <TableHead>
          <TableRow>
            <TableCell>Node group</TableCell>
            <TableCell>May still add (nodes)</TableCell>
            <TableCell>Scale-up</TableCell>
            <TableCell>Last scale-up</TableCell>
            <TableCell>Scale-down candidates</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.nodeGroups.map(group => (
            <TableRow key={group.name}>
              <TableCell>{group.name}</TableCell>
              <TableCell>{group.headroomNodes ?? '—'}</TableCell>
              <TableCell>{scaleUpText(group, generatedAt)}</TableCell>
              <TableCell>{lastScaleUpText(group, generatedAt)}</TableCell>
              <TableCell>
                {group.autoscaling?.scaleDownCandidates ?? 0}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="body2" style={{ marginTop: 8 }}>
        Last scale-down:{' '}
        {autoscaler.lastScaleDown
          ? `${autoscaler.lastScaleDown.message} (${ago(
              autoscaler.lastScaleDown.at,
              generatedAt,
            )})`
          : 'none in the last hour'}
      </Typography>
      <Typography variant="subtitle2" style={{ marginTop: 16 }}>
        Pending pods: {pendingPods.length}
      </Typography>
      {pendingPods.length > 0 && (
        <Table size="small" aria-label="Pending pods">
          <TableHead>
            <TableRow>
              <TableCell>Pod</TableCell>
              <TableCell>Requests</TableCell>
              <TableCell>Pending since</TableCell>
              <TableCell>Why no node takes it</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {pendingPods.map(pod => (
              <TableRow key={`${pod.namespace}/${pod.name}`}>
                <TableCell>
                  {pod.namespace}/{pod.name}
                </TableCell>
                <TableCell>
                  {pod.cpuMillis}m CPU, {Math.round(pod.memoryBytes / 2 ** 20)}{' '}
                  MiB
                </TableCell>
                <TableCell>{ago(pod.since, generatedAt)}</TableCell>
                <TableCell>{pod.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
};
