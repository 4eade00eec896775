/** A report computed by the common maths from synthetic query answers (tests only). */
import {
  computeSloReport,
  planSloQueries,
  SloDefinition,
  SloQueryResults,
  SloReport,
} from '@internal/plugin-eks-platform-common';

export const TEST_DEFINITION: SloDefinition = {
  name: 'Availability',
  objectivePercent: 99.9,
  sli: {
    kind: 'ratio',
    bad: {
      metric: 'http_requests_total',
      matchers: [{ label: 'code', op: '=~', value: '5..' }],
    },
    total: { metric: 'http_requests_total', matchers: [] },
  },
};

const NOW = new Date('2026-11-20T12:00:00Z');
const T = NOW.getTime() / 1000;
const at = (iso: string) => Date.parse(iso) / 1000;

/**
 * 100 requests per 5 minutes since 1 June 2026; 50 fail on 15 November 10:00–10:10 and
 * 2% fail in the last hour. Rolling 30 days: 864,000 requests, 74 failed.
 */
function badInStep(end: number): number {
  if (end > at('2026-11-15T10:00:00Z') && end <= at('2026-11-15T10:10:00Z'))
    return 25;
  if (end > T - 3600) return 2;
  return 0;
}

/** Seconds each planned query sums over. */
function spanOf(id: string): number {
  if (id.startsWith('rolling')) return 30 * 86_400;
  return id.startsWith('daily') ? 86_400 : 300;
}

export function testSloReport(): SloReport {
  const since = at('2026-06-01T00:00:00Z');
  const sum = (from: number, to: number) => {
    let total = 0;
    let bad = 0;
    for (let end = Math.max(from, since) + 300; end <= to; end += 300) {
      total += 100;
      bad += badInStep(end);
    }
    return { total, bad };
  };
  const results: SloQueryResults = {};
  for (const q of planSloQueries(TEST_DEFINITION.sli, NOW).queries) {
    const part = q.id.endsWith('.bad') ? 'bad' : 'total';
    const span = spanOf(q.id);
    if (q.kind === 'instant') {
      results[q.id] = {
        kind: 'instant',
        value: sum(q.time - span, q.time)[part],
      };
    } else {
      const points: Array<[number, number]> = [];
      for (let t = q.start; t <= q.end; t += q.step) {
        const s = sum(t - span, t);
        if (s.total > 0) points.push([t, s[part]]);
      }
      results[q.id] = { kind: 'range', points };
    }
  }
  return computeSloReport(TEST_DEFINITION, T, results);
}
