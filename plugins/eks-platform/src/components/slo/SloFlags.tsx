import { Typography } from '@material-ui/core';
import { SloFlag, SloReport } from '@internal/plugin-eks-platform-common';

function describeFlag(flag: SloFlag, report: SloReport): string {
  switch (flag) {
    case 'no-data':
      return 'No data: Prometheus has no series for this SLI in the last 30 days.';
    case 'low-traffic':
      return `Too little traffic to judge: fewer than ${report.minimumEvents.toLocaleString(
        'en-US',
      )} events in 30 days.`;
    case 'partial-data':
      return 'Some days of the window have no data.';
    default:
      return `Error budget exhausted${
        report.budgetExhaustedAt
          ? ` on ${report.budgetExhaustedAt.slice(0, 10)}`
          : ''
      }.`;
  }
}

export function SloFlags({ report }: { report: SloReport }) {
  return (
    <>
      {report.flags.map(flag => (
        <Typography
          key={flag}
          variant="body2"
          color="error"
          data-testid={`slo-flag-${flag}`}
        >
          {describeFlag(flag, report)}
        </Typography>
      ))}
    </>
  );
}
