import {
  Box,
  Button,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  DeployedApplication,
  DeploymentActions,
  DeploymentHistoryEntry,
} from '@internal/plugin-eks-platform-common';
import { ago } from '../shared/ago';
import { HealthChip, ImpactChip, SyncChip } from './DeploymentChips';

function initiator(entry: DeploymentHistoryEntry): string {
  if (entry.initiatedBy.automated) return 'automated sync';
  return entry.initiatedBy.username ?? 'not recorded';
}

/** One application: its state, its history with the budget each deployment burned, actions. */
export function ApplicationPanel(props: {
  app: DeployedApplication;
  actions: DeploymentActions;
  generatedAt: string;
  busy: boolean;
  onSync: () => void;
  onRollback: (entry: DeploymentHistoryEntry) => void;
}) {
  const { app, actions, generatedAt } = props;
  const operation = app.lastOperation;
  return (
    <Box mb={4} data-testid={`deployment-${app.name}`}>
      <Box display="flex" alignItems="center" flexWrap="wrap" mb={1}>
        <Box mr={2}>
          <Typography variant="h6">
            <Link href={app.url} target="_blank" rel="noopener">
              {app.name}
            </Link>
          </Typography>
        </Box>
        <Box mr={1}>
          <SyncChip status={app.syncStatus} />
        </Box>
        <Box mr={2}>
          <HealthChip status={app.healthStatus} message={app.healthMessage} />
        </Box>
        <Typography variant="body2" color="textSecondary">
          {app.revision ?? 'not deployed'}
          {app.revision && app.revision !== app.targetRevision
            ? ` (target ${app.targetRevision})`
            : ''}
          {app.deployedAt ? `, ${ago(app.deployedAt, generatedAt)}` : ''} ·{' '}
          {app.automatedSync ? 'automated sync' : 'manual sync'} · namespace{' '}
          {app.namespace}
        </Typography>
        <Box flexGrow={1} />
        {actions.sync && (
          <Button
            size="small"
            variant="outlined"
            disabled={props.busy || app.operationRunning}
            onClick={props.onSync}
          >
            Sync now
          </Button>
        )}
      </Box>
      {app.healthMessage && app.healthStatus !== 'Healthy' && (
        <Typography
          variant="body2"
          color="error"
          data-testid="deployment-health-message"
        >
          {app.healthMessage}
        </Typography>
      )}
      {operation && (
        <Typography variant="body2" color="textSecondary">
          Last operation: {operation.phase}
          {operation.revision ? ` to ${operation.revision}` : ''}
          {operation.message ? `: ${operation.message}` : ''}
          {operation.finishedAt
            ? ` (${ago(operation.finishedAt, generatedAt)})`
            : ''}
        </Typography>
      )}
      <Table size="small" aria-label={`${app.name} history`}>
        <TableHead>
          <TableRow>
            <TableCell>ID</TableCell>
            <TableCell>Revision</TableCell>
            <TableCell>Deployed</TableCell>
            <TableCell>Initiated by</TableCell>
            <TableCell>Error budget after it</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {app.history.map((entry, index) => (
            <TableRow key={entry.id} data-testid={`history-${entry.id}`}>
              <TableCell>{entry.id}</TableCell>
              <TableCell>
                {entry.revision}
                {index === 0 ? ' (running)' : ''}
              </TableCell>
              <TableCell title={entry.deployedAt}>
                {ago(entry.deployedAt, generatedAt)}
              </TableCell>
              <TableCell>{initiator(entry)}</TableCell>
              <TableCell>
                <ImpactChip impact={entry.impact} />
              </TableCell>
              <TableCell align="right">
                {actions.rollback && index > 0 && (
                  <Button
                    size="small"
                    color="secondary"
                    disabled={props.busy || app.operationRunning}
                    onClick={() => props.onRollback(entry)}
                  >
                    Roll back to {entry.id}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}
