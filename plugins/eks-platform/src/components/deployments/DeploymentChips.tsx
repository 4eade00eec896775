import { Chip, Tooltip } from '@material-ui/core';
import { DeploymentImpact } from '@internal/plugin-eks-platform-common';

const HEALTH_COLOR: Record<string, 'primary' | 'secondary' | 'default'> = {
  Healthy: 'primary',
  Degraded: 'secondary',
  Missing: 'secondary',
};

export function HealthChip(props: { status: string; message?: string }) {
  const chip = (
    <Chip
      size="small"
      label={props.status}
      color={HEALTH_COLOR[props.status] ?? 'default'}
      data-testid="deployment-health"
    />
  );
  return props.message ? <Tooltip title={props.message}>{chip}</Tooltip> : chip;
}

export function SyncChip(props: { status: string }) {
  return (
    <Chip
      size="small"
      variant="outlined"
      label={props.status}
      color={props.status === 'Synced' ? 'primary' : 'default'}
      data-testid="deployment-sync"
    />
  );
}

/** A share of the 30-day budget that stands out: a tenth of it burned in hours is an incident. */
export const BURNING_PERCENT = 10;
const NOTICEABLE_PERCENT = 2;

export function formatImpact(impact: DeploymentImpact): string {
  return `${impact.budgetBurnedPercent.toFixed(
    impact.budgetBurnedPercent < 1 ? 2 : 1,
  )}% of budget · ${impact.burnRate.toFixed(1)}× burn`;
}

export function ImpactChip(props: { impact: DeploymentImpact | null }) {
  const { impact } = props;
  if (!impact) return <>—</>;
  const burning = impact.budgetBurnedPercent >= BURNING_PERCENT;
  const noticeable = impact.budgetBurnedPercent >= NOTICEABLE_PERCENT;
  const hours = Math.round(
    (Date.parse(impact.windowEnd) - Date.parse(impact.windowStart)) / 3_600_000,
  );
  return (
    <Tooltip
      title={`${Math.round(impact.bad).toLocaleString('en-US')} of ${Math.round(
        impact.total,
      ).toLocaleString(
        'en-US',
      )} events bad in the ${hours} h after the deployment`}
    >
      <Chip
        size="small"
        label={formatImpact(impact)}
        color={burning ? 'secondary' : 'default'}
        variant={noticeable ? 'default' : 'outlined'}
        data-testid={burning ? 'impact-burning' : 'impact'}
      />
    </Tooltip>
  );
}
