/** The CSV export of the SLO tab: the same rows and formatted values as on screen. */
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
import { csvSections } from '../shared/csv';

export function sloReportCsv(report: SloReport): string {
  const windowRow = (label: string, w: SloReport['rolling30d']) => [
    label,
    formatAttainment(w.attainmentPercent),
    formatCount(w.good),
    formatCount(w.total),
    formatBudgetPercent(w.budgetRemainingPercent),
    formatMinutes(w.budgetMinutesLeft),
    formatCount(w.badEventsLeft),
    formatStatus(w.status),
  ];
  const sections = [
    [
      [
        'objective',
        `${report.definition.objectivePercent}%`,
        'evaluated at',
        report.evaluatedAt,
      ],
      [
        'window',
        'attainment',
        'good',
        'total',
        'budget left',
        'budget left (minutes)',
        'bad requests left',
        'status',
      ],
      windowRow('rolling 30 days', report.rolling30d),
      windowRow(
        `calendar month ${report.calendarMonth.month}`,
        report.calendarMonth,
      ),
    ],
    [
      [
        'alert',
        'severity',
        'long-window burn',
        'short-window burn',
        'firing',
        'time to exhaustion',
      ],
      ...report.burnRates.map(tier => [
        formatTier(tier),
        tier.severity,
        formatBurnRate(tier.longBurnRate),
        formatBurnRate(tier.shortBurnRate),
        tier.firing ? 'yes' : 'no',
        formatHoursToExhaustion(tier.hoursToExhaustion),
      ]),
    ],
    [
      [
        'month',
        'attainment',
        'good',
        'total',
        'budget left',
        'budget left (minutes)',
        'result',
      ],
      ...report.monthly.map(m => [
        m.month,
        formatAttainment(m.attainmentPercent),
        formatCount(m.good),
        formatCount(m.total),
        formatBudgetPercent(m.budgetRemainingPercent),
        formatMinutes(m.budgetMinutesLeft),
        m.monthlyStatus,
      ]),
    ],
    [
      ['day', 'attainment', 'good', 'total'],
      ...report.daily.map(d => [
        d.date,
        formatAttainment(d.attainmentPercent),
        formatCount(d.good),
        formatCount(d.total),
      ]),
    ],
  ];
  return csvSections(sections);
}
