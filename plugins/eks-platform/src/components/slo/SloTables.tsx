import { Table, TableBody, TableCell, TableRow } from '@material-ui/core';
import { SloReport } from '@internal/plugin-eks-platform-common';
import {
  formatAttainment,
  formatBudgetPercent,
  formatBurnRate,
  formatCount,
  formatHoursToExhaustion,
  formatMinutes,
  formatStatus,
  formatTier,
} from './format';
import { HeaderRow } from '../shared/HeaderRow';

/** Rolling 30 days and the calendar month, budget in %, minutes and requests. */
export function WindowsTable({ report }: { report: SloReport }) {
  const windows = [
    { label: 'Rolling 30 days', w: report.rolling30d },
    {
      label: `Calendar month ${report.calendarMonth.month}`,
      w: report.calendarMonth,
    },
  ];
  return (
    <Table size="small" aria-label="SLO windows">
      <HeaderRow
        labels={[
          'Window',
          'Attainment',
          'Good',
          'Total',
          'Budget left',
          'Budget left (minutes)',
          'Bad requests left',
          'Status',
        ]}
      />
      <TableBody>
        {windows.map(({ label, w }) => (
          <TableRow key={label}>
            <TableCell>{label}</TableCell>
            <TableCell>{formatAttainment(w.attainmentPercent)}</TableCell>
            <TableCell>{formatCount(w.good)}</TableCell>
            <TableCell>{formatCount(w.total)}</TableCell>
            <TableCell>
              {formatBudgetPercent(w.budgetRemainingPercent)}
            </TableCell>
            <TableCell>{formatMinutes(w.budgetMinutesLeft)}</TableCell>
            <TableCell>{formatCount(w.badEventsLeft)}</TableCell>
            <TableCell>{formatStatus(w.status)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The SRE workbook's four multi-window burn-rate alerts. */
export function BurnRateTable({ report }: { report: SloReport }) {
  return (
    <Table size="small" aria-label="Burn-rate alerts">
      <HeaderRow
        labels={[
          'Alert',
          'Severity',
          'Long-window burn',
          'Short-window burn',
          'Firing',
          'Time to exhaustion',
        ]}
      />
      <TableBody>
        {report.burnRates.map(tier => (
          <TableRow key={tier.factor} data-testid={`burn-rate-${tier.factor}`}>
            <TableCell>{formatTier(tier)}</TableCell>
            <TableCell>{tier.severity}</TableCell>
            <TableCell>{formatBurnRate(tier.longBurnRate)}</TableCell>
            <TableCell>{formatBurnRate(tier.shortBurnRate)}</TableCell>
            <TableCell>{tier.firing ? 'yes' : 'no'}</TableCell>
            <TableCell>
              {formatHoursToExhaustion(tier.hoursToExhaustion)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Twelve calendar months, pass or fail against the objective. */
export function MonthlyHistoryTable({ report }: { report: SloReport }) {
  return (
    <Table size="small" aria-label="Monthly history">
      <HeaderRow
        labels={[
          'Month',
          'Attainment',
          'Good',
          'Total',
          'Budget left',
          'Budget left (minutes)',
          'Result',
        ]}
      />
      <TableBody>
        {report.monthly.map(m => (
          <TableRow key={m.month} data-testid={`month-${m.month}`}>
            <TableCell>{m.month}</TableCell>
            <TableCell>{formatAttainment(m.attainmentPercent)}</TableCell>
            <TableCell>{formatCount(m.good)}</TableCell>
            <TableCell>{formatCount(m.total)}</TableCell>
            <TableCell>
              {formatBudgetPercent(m.budgetRemainingPercent)}
            </TableCell>
            <TableCell>{formatMinutes(m.budgetMinutesLeft)}</TableCell>
            <TableCell>{m.monthlyStatus}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
