/**
 * How SLO figures are written, shared by the card, the tab and the CSV export so the
 * file holds exactly the numbers on screen.
 */
import {
  BurnRateTier,
  WindowCompliance,
} from '@internal/plugin-eks-platform-common';

const DASH = '—';

/** Four decimals: 99.8999% must not read as 99.900%. */
export function formatAttainment(percent: number | null): string {
  return percent === null ? DASH : `${percent.toFixed(4)}%`;
}

export function formatBudgetPercent(percent: number | null): string {
  return percent === null ? DASH : `${percent.toFixed(1)}%`;
}

export function formatMinutes(minutes: number | null): string {
  return minutes === null ? DASH : `${minutes.toFixed(1)} min`;
}

export function formatCount(count: number | null): string {
  return count === null
    ? DASH
    : Math.round(count).toLocaleString('en-US', { maximumFractionDigits: 0 });
}

export function formatBurnRate(rate: number | null): string {
  return rate === null ? DASH : `${rate.toFixed(2)}×`;
}

export function formatHoursToExhaustion(hours: number | null): string {
  if (hours === null) return 'not burning';
  if (hours <= 0) return 'exhausted';
  return hours > 48 ? `${(hours / 24).toFixed(1)} d` : `${hours.toFixed(1)} h`;
}

function formatWindow(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`;
}

/** "14.4× (1h / 5m)". */
export function formatTier(tier: BurnRateTier): string {
  return `${tier.factor}× (${formatWindow(
    tier.longWindowMinutes,
  )} / ${formatWindow(tier.shortWindowMinutes)})`;
}

export function formatStatus(status: WindowCompliance['status']): string {
  switch (status) {
    case 'met':
      return 'meets objective';
    case 'breached':
      return 'below objective';
    case 'low-traffic':
      return 'too little traffic to judge';
    default:
      return 'no data';
  }
}

/** Budget left as shown: percent, minutes and, for ratio SLIs, requests. */
export function formatBudgetLeft(window: WindowCompliance): string {
  const parts = [
    formatBudgetPercent(window.budgetRemainingPercent),
    formatMinutes(window.budgetMinutesLeft),
  ];
  if (window.badEventsLeft !== null) {
    parts.push(`${formatCount(window.badEventsLeft)} bad requests`);
  }
  return parts.join(' · ');
}
