/**
 * The error budget an environment burned in the hours after a deployment, from two range
 * queries of the SLO's 5-minute event counts over the span of the deployments shown.
 *
 * Burned share of the 30-day budget = burn rate × window ÷ 30 days, the SRE Workbook's
 * "budget consumed" (chapter 5, alerting on SLOs); burn rate = error ratio ÷ (1 − SLO).
 * The window is 6 hours, the Workbook's slow-burn window, cut at "now" for recent ones.
 */
import type { Sli } from '../slo/definition';
import {
  PlannedQuery,
  rawEventQueries,
  ROLLING_WINDOW_SECONDS,
  SloEventQueryBuilder,
} from '../slo/queries';
import type { SloQueryResult } from '../slo/report';

export const DEPLOYMENT_IMPACT_WINDOW_HOURS = 6;
export const IMPACT_STEP_SECONDS = 300;

export interface DeploymentImpact {
  /** ISO start and end of the window summed. */
  windowStart: string;
  windowEnd: string;
  /** Bad events (failed requests, or failed probe minutes) in the window. */
  bad: number;
  total: number;
  /** Error ratio ÷ error budget ratio: 1 spends the budget exactly in 30 days. */
  burnRate: number;
  /** Share of the 30-day error budget the window burned, in percent. */
  budgetBurnedPercent: number;
}

export interface ImpactQueries {
  /** `impact.bad`/`impact.good` and `impact.total`. */
  queries: Array<PlannedQuery & { measures: 'good' | 'bad' | 'total' }>;
  start: number;
  end: number;
}

const floorStep = (seconds: number) =>
  Math.floor(seconds / IMPACT_STEP_SECONDS) * IMPACT_STEP_SECONDS;
const ceilStep = (seconds: number) =>
  Math.ceil(seconds / IMPACT_STEP_SECONDS) * IMPACT_STEP_SECONDS;

/**
 * The two queries covering every deployment of the last 30 days (older ones get no
 * figure: the SLO window is 30 days), or none when there is nothing to measure.
 */
export function planImpactQueries(
  sli: Sli,
  deployedAt: Date[],
  now: Date,
  builder: SloEventQueryBuilder = rawEventQueries,
): ImpactQueries | undefined {
  const end = floorStep(now.getTime() / 1000);
  const oldest = end - ROLLING_WINDOW_SECONDS;
  const times = deployedAt
    .map(d => d.getTime() / 1000)
    .filter(t => t >= oldest && t < end);
  if (times.length === 0) return undefined;
  const start = ceilStep(Math.min(...times)) + IMPACT_STEP_SECONDS;
  if (start > end) return undefined;
  const text = builder(sli, '5m');
  const measured = 'bad' in text && text.bad ? 'bad' : 'good';
  const range = {
    kind: 'range' as const,
    start,
    end,
    step: IMPACT_STEP_SECONDS,
  };
  return {
    start,
    end,
    queries: [
      {
        ...range,
        id: `recent.${measured}`,
        query: text[measured]!,
        measures: measured,
      },
      { ...range, id: 'recent.total', query: text.total, measures: 'total' },
    ],
  };
}

function pointsOf(result: SloQueryResult | undefined): Map<number, number> {
  return new Map(result?.kind === 'range' ? result.points : []);
}

/**
 * The impact of a deployment at `deployedAt`: the 5-minute points after it, for the
 * window, summed. Null when no point of the window has events.
 */
export function deploymentImpact(
  deployedAt: Date,
  results: {
    measured: 'good' | 'bad';
    part?: SloQueryResult;
    total?: SloQueryResult;
  },
  options: { objectivePercent: number; now: Date },
): DeploymentImpact | null {
  const part = pointsOf(results.part);
  const total = pointsOf(results.total);
  // A point at t counts (t − 5m, t]: the first whole step after the deployment.
  const first = ceilStep(deployedAt.getTime() / 1000) + IMPACT_STEP_SECONDS;
  const last = Math.min(
    first - IMPACT_STEP_SECONDS + DEPLOYMENT_IMPACT_WINDOW_HOURS * 3600,
    floorStep(options.now.getTime() / 1000),
  );
  let partSum = 0;
  let totalSum = 0;
  for (let t = first; t <= last; t += IMPACT_STEP_SECONDS) {
    partSum += part.get(t) ?? 0;
    totalSum += total.get(t) ?? 0;
  }
  if (totalSum <= 0) return null;
  const bad = Math.min(
    totalSum,
    Math.max(0, results.measured === 'bad' ? partSum : totalSum - partSum),
  );
  const budgetRatio = 1 - options.objectivePercent / 100;
  const burnRate = bad / totalSum / budgetRatio;
  const windowSeconds = last - (first - IMPACT_STEP_SECONDS);
  return {
    windowStart: new Date((first - IMPACT_STEP_SECONDS) * 1000).toISOString(),
    windowEnd: new Date(last * 1000).toISOString(),
    bad,
    total: totalSum,
    burnRate,
    budgetBurnedPercent:
      (burnRate * windowSeconds * 100) / ROLLING_WINDOW_SECONDS,
  };
}
