import { useCallback } from 'react';
import { Link } from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { Grid, Typography } from '@material-ui/core';
import { UpgradeReadiness } from '@internal/plugin-eks-platform-common';
import { upgradeApiRef } from '../../api/upgradeApi';
import { useLoader } from '../shared/useLoader';

/** The upgrade template, prefilled through the scaffolder's `formData` query parameter. */
export const UPGRADE_TEMPLATE_PATH =
  '/create/templates/default/eks-cluster-upgrade';

function insightsText(insights: UpgradeReadiness['insights']): string {
  const parts = [
    insights.error && `${insights.error} error`,
    insights.warning && `${insights.warning} warning`,
    insights.passing && `${insights.passing} passing`,
    insights.unknown && `${insights.unknown} unknown`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'none reported';
}

function Loaded({ readiness }: { readiness: UpgradeReadiness }) {
  const { nextVersion, upgradeForm } = readiness;
  return (
    <>
      <Grid item xs={12} sm={6}>
        <Typography variant="overline" color="textSecondary">
          Running (EKS)
        </Typography>
        <Typography variant="body2" data-testid="upgrade-running">
          {readiness.version}
          {readiness.endOfStandardSupport
            ? `, standard support until ${readiness.endOfStandardSupport}`
            : ''}
        </Typography>
      </Grid>
      <Grid item xs={12} sm={6}>
        <Typography variant="overline" color="textSecondary">
          Next upgrade
        </Typography>
        <Typography variant="body2" data-testid="upgrade-next">
          {nextVersion
            ? `${nextVersion} · upgrade insights: ${insightsText(
                readiness.insights,
              )}`
            : 'none offered in standard support yet'}
        </Typography>
        {upgradeForm && (
          <Link
            to={`${UPGRADE_TEMPLATE_PATH}?formData=${encodeURIComponent(
              JSON.stringify(upgradeForm),
            )}`}
            data-testid="upgrade-link"
          >
            Upgrade to {upgradeForm.targetVersion}
          </Link>
        )}
      </Grid>
    </>
  );
}

/**
 * The cluster's live version and its next upgrade, from the eks-platform backend; nothing
 * where the app has no upgrade API (an adopter's app without the backend route).
 */
export function UpgradeReadinessRow({ entity }: { entity: Entity }) {
  const api = useApiHolder().get(upgradeApiRef);
  const namespace = entity.metadata.namespace ?? 'default';
  const name = entity.metadata.name;
  const load = useCallback(
    () =>
      api
        ? api.getUpgradeReadiness({ namespace, name })
        : Promise.resolve(undefined),
    [api, namespace, name],
  );
  const { state } = useLoader(load);
  if (!api || state.loading) return null;
  if ('error' in state) {
    return (
      <Grid item xs={12}>
        <Typography variant="body2" color="textSecondary">
          Upgrade readiness unavailable: {state.error.message}
        </Typography>
      </Grid>
    );
  }
  return state.value ? <Loaded readiness={state.value} /> : null;
}
