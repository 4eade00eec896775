import { useState } from 'react';
import {
  EmptyState,
  InfoCard,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import {
  DeployedApplication,
  DeploymentHistoryEntry,
  DeploymentsReport,
} from '@internal/plugin-eks-platform-common';
import { deploymentsApiRef } from '../../api/deploymentsApi';
import { BackendErrorPanel } from '../shared/BackendErrorPanel';
import { ApplicationPanel } from './ApplicationPanel';
import { RollbackDialog } from './RollbackDialog';
import { entityRefOf, useDeployments } from './useDeployments';

function SloNote({ report }: { report: DeploymentsReport }) {
  const { slo } = report;
  return (
    <Typography variant="body2" color="textSecondary" data-testid="slo-note">
      {slo.status === 'ok'
        ? `Error budget after each deployment: the share of the 30-day budget of the ${slo.objectivePercent}% SLO burned in the ${slo.windowHours} hours after it (less for recent ones), and the burn rate over that window.`
        : `No error budget figures: ${slo.message}`}
    </Typography>
  );
}

type Outcome = { ok: boolean; message: string };

/** The Deployments tab: every application of the entity, its history, sync and rollback. */
export function EksDeploymentsContent() {
  const { entity } = useEntity();
  const api = useApi(deploymentsApiRef);
  const { state, reload } = useDeployments(entity);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [rollback, setRollback] = useState<
    { app: DeployedApplication; entry: DeploymentHistoryEntry } | undefined
  >();

  async function act(run: () => Promise<{ message: string }>) {
    setBusy(true);
    try {
      const result = await run();
      setOutcome({ ok: true, message: result.message });
    } catch (error) {
      setOutcome({ ok: false, message: (error as Error).message });
    } finally {
      setBusy(false);
      setRollback(undefined);
      reload();
    }
  }

  if (state.loading && !outcome) return <Progress />;
  if ('error' in state) return <BackendErrorPanel error={state.error} />;
  if (!('value' in state)) return <Progress />;
  const report = state.value;
  const ref = entityRefOf(entity);
  return (
    <InfoCard
      title={`Deployments (ArgoCD ${report.instance})`}
      subheader={`Applications selected by ${report.selector}`}
    >
      <div data-testid="eks-deployments-content">
        <SloNote report={report} />
        {!(report.actions.sync && report.actions.rollback) &&
          report.actions.reason && (
            <Typography
              variant="body2"
              color="textSecondary"
              data-testid="actions-note"
            >
              You can follow these deployments; {report.actions.reason}.
            </Typography>
          )}
        {outcome && (
          <Box my={2} data-testid="deployment-outcome">
            {outcome.ok ? (
              <Typography variant="body2" role="status">
                {outcome.message}
              </Typography>
            ) : (
              <WarningPanel
                severity="error"
                title="ArgoCD did not do it"
                message={outcome.message}
                defaultExpanded
              />
            )}
          </Box>
        )}
        <Box mt={2}>
          {report.applications.length === 0 ? (
            <EmptyState
              missing="data"
              title="No applications"
              description={`ArgoCD ${report.instance} has no application labelled ${report.selector}.`}
            />
          ) : (
            report.applications.map(app => (
              <ApplicationPanel
                key={app.name}
                app={app}
                actions={report.actions}
                generatedAt={report.generatedAt}
                busy={busy}
                onSync={() => act(() => api.sync(ref, app.name))}
                onRollback={entry => setRollback({ app, entry })}
              />
            ))
          )}
        </Box>
        {rollback && (
          <RollbackDialog
            app={rollback.app}
            entry={rollback.entry}
            busy={busy}
            onCancel={() => setRollback(undefined)}
            onConfirm={suspendAutomatedSync =>
              act(() =>
                api.rollback(ref, rollback.app.name, {
                  id: rollback.entry.id,
                  suspendAutomatedSync,
                }),
              )
            }
          />
        )}
      </div>
    </InfoCard>
  );
}
