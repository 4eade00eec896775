import { useEffect, useMemo } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Grid, Link } from '@material-ui/core';
import { SloReport } from '@internal/plugin-eks-platform-common';
import { BurnDownChart, DailyAttainmentChart } from './SloCharts';
import { SloFlags } from './SloFlags';
import { SloReportGate } from './SloReportGate';
import { BurnRateTable, MonthlyHistoryTable, WindowsTable } from './SloTables';
import { sloReportCsv } from './sloCsv';

/** A download link for the CSV of the numbers on this tab. */
function CsvExportLink({ report }: { report: SloReport }) {
  const { entity } = useEntity();
  const href = useMemo(
    () =>
      URL.createObjectURL(
        new Blob([sloReportCsv(report)], { type: 'text/csv' }),
      ),
    [report],
  );
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return (
    <Link
      href={href}
      download={`slo-${entity.metadata.name}-${report.evaluatedAt.slice(
        0,
        10,
      )}.csv`}
    >
      Export CSV
    </Link>
  );
}

function SloDetails({ report }: { report: SloReport }) {
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={`${report.definition.name}: ${report.definition.objectivePercent}%`}
          subheader={`As of ${report.evaluatedAt
            .replace('T', ' ')
            .slice(0, 16)} UTC`}
          action={<CsvExportLink report={report} />}
        >
          <WindowsTable report={report} />
          <SloFlags report={report} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Error budget burn-down (rolling 30 days)">
          <BurnDownChart report={report} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title="Daily attainment">
          <DailyAttainmentChart report={report} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Burn-rate alerts">
          <BurnRateTable report={report} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Monthly history">
          <MonthlyHistoryTable report={report} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}

/** The SLO tab: windows, burn-down, daily attainment, burn-rate alerts, months, CSV. */
export function EksSloContent() {
  return (
    <div data-testid="eks-slo-content">
      <SloReportGate>{report => <SloDetails report={report} />}</SloReportGate>
    </div>
  );
}
