import { InfoCard, WarningPanel } from '@backstage/core-components';
import { Grid, Typography } from '@material-ui/core';
import { useEntity } from '@backstage/plugin-catalog-react';
import { UpgradeReadinessRow } from './UpgradeReadinessRow';
import {
  findRegion,
  readEksClusterRef,
  supportPhaseOn,
} from '@internal/plugin-eks-platform-common';

const SUPPORT_LABELS = {
  standard: 'standard support',
  extended: 'extended support (billed extra)',
  'end-of-life': 'out of support',
} as const;

function kubernetesVersionText(version: string | undefined, today: Date) {
  if (!version) return 'unknown';
  const phase = supportPhaseOn(version, today);
  return phase ? `${version} (${SUPPORT_LABELS[phase]})` : version;
}

/** Where a cluster runs and on what: read from the catalog entity, no backend call. */
export const EksEnvironmentCard = (props: { today?: Date }) => {
  const { entity } = useEntity();
  const cluster = readEksClusterRef(entity);
  const today = props.today ?? new Date();
  const region = cluster.region ? findRegion(cluster.region) : undefined;
  const phase = cluster.kubernetesVersion
    ? supportPhaseOn(cluster.kubernetesVersion, today)
    : undefined;

  const fields = {
    Environment: cluster.environment ?? 'unknown',
    'EKS cluster': cluster.clusterName,
    'AWS account': cluster.accountId ?? 'unknown',
    Region: region
      ? `${region.code} — ${region.displayName}`
      : cluster.region ?? 'unknown',
    'Kubernetes version': kubernetesVersionText(
      cluster.kubernetesVersion,
      today,
    ),
  };

  return (
    <div data-testid="eks-environment-card">
      <InfoCard title="EKS environment">
        {phase === 'end-of-life' && (
          <WarningPanel
            severity="error"
            title={`Kubernetes ${cluster.kubernetesVersion} is out of EKS support`}
            message="EKS upgrades such clusters automatically; plan the upgrade yourself before it does."
          />
        )}
        <Grid container spacing={2}>
          {Object.entries(fields).map(([label, value]) => (
            <Grid item xs={12} sm={6} key={label}>
              <Typography variant="overline" color="textSecondary">
                {label}
              </Typography>
              <Typography variant="body2">{value}</Typography>
            </Grid>
          ))}
          <UpgradeReadinessRow entity={entity} />
        </Grid>
      </InfoCard>
    </div>
  );
};
