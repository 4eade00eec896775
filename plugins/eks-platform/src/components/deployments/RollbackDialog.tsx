import { useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControlLabel,
} from '@material-ui/core';
import {
  DeployedApplication,
  DeploymentHistoryEntry,
} from '@internal/plugin-eks-platform-common';

/**
 * Confirms a rollback. ArgoCD refuses one while automated sync is on, as the next sync
 * would undo it: the dialog says so and asks to suspend it as part of the rollback.
 */
export function RollbackDialog(props: {
  app: DeployedApplication;
  entry: DeploymentHistoryEntry;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (suspendAutomatedSync: boolean) => void;
}) {
  const { app, entry } = props;
  const [suspend, setSuspend] = useState(false);
  const blocked = app.automatedSync && !suspend;
  return (
    <Dialog open onClose={props.onCancel} data-testid="rollback-dialog">
      <DialogTitle>
        Roll back {app.name} to {entry.revision}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          ArgoCD will deploy deployment {entry.id} ({entry.source}, deployed{' '}
          {new Date(entry.deployedAt).toUTCString()}) again. The application
          keeps targeting {app.targetRevision}, so ArgoCD shows it OutOfSync
          until the release is fixed in Git.
        </DialogContentText>
        {app.automatedSync && (
          <>
            <DialogContentText data-testid="rollback-automated-note">
              Automated sync is on: ArgoCD refuses a rollback the next sync
              would undo. Suspend it as part of this rollback, and turn it on
              again once the release is fixed.
            </DialogContentText>
            <FormControlLabel
              control={
                <Checkbox
                  checked={suspend}
                  onChange={e => setSuspend(e.target.checked)}
                  name="suspendAutomatedSync"
                />
              }
              label="Suspend automated sync"
            />
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          disabled={blocked || props.busy}
          onClick={() => props.onConfirm(app.automatedSync && suspend)}
        >
          Roll back
        </Button>
      </DialogActions>
    </Dialog>
  );
}
