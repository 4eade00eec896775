import { InfoCard } from '@backstage/core-components';
import { Box, Chip, Typography } from '@material-ui/core';
import { SloReport } from '@internal/plugin-eks-platform-common';
import {
  formatAttainment,
  formatBudgetLeft,
  formatBurnRate,
  formatStatus,
  formatTier,
} from './format';
import { SloReportGate } from './SloReportGate';
import { SloFlags } from './SloFlags';

function Row(props: { label: string; value: string; testId: string }) {
  return (
    <Box display="flex" justifyContent="space-between" py={0.5}>
      <Typography variant="body2" color="textSecondary">
        {props.label}
      </Typography>
      <Typography variant="body2" data-testid={props.testId}>
        {props.value}
      </Typography>
    </Box>
  );
}

function SloSummary({ report }: { report: SloReport }) {
  const { rolling30d, calendarMonth, firingAlert } = report;
  const objective = `${report.definition.objectivePercent}%`;
  const oneHour = report.burnRates[0];
  return (
    <>
      <Box mb={1}>
        <Chip
          size="small"
          color={rolling30d.status === 'breached' ? 'secondary' : 'primary'}
          label={`${formatStatus(rolling30d.status)} (${objective})`}
          data-testid="slo-status"
        />
      </Box>
      <Row
        label="Attainment, rolling 30 days"
        value={formatAttainment(rolling30d.attainmentPercent)}
        testId="slo-attainment-30d"
      />
      <Row
        label={`Attainment, ${calendarMonth.month}`}
        value={formatAttainment(calendarMonth.attainmentPercent)}
        testId="slo-attainment-month"
      />
      <Row
        label="Error budget left (30 days)"
        value={formatBudgetLeft(rolling30d)}
        testId="slo-budget-left"
      />
      <Row
        label="Burn rate now (1h)"
        value={formatBurnRate(oneHour?.longBurnRate ?? null)}
        testId="slo-burn-now"
      />
      <Row
        label="Alert"
        value={
          firingAlert
            ? `${firingAlert.severity}: ${formatTier(firingAlert)} burn`
            : 'none firing'
        }
        testId="slo-alert"
      />
      <SloFlags report={report} />
    </>
  );
}

/** Status against the objective, error budget left and burn now, on the overview. */
export function EksSloCard() {
  return (
    <InfoCard title="SLO">
      <div data-testid="eks-slo-card">
        <SloReportGate>
          {report => <SloSummary report={report} />}
        </SloReportGate>
      </div>
    </InfoCard>
  );
}
