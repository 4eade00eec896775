import type { Sli } from '../slo/definition';
import {
  deploymentImpact,
  IMPACT_STEP_SECONDS,
  planImpactQueries,
} from './budgetImpact';

const sli: Sli = {
  kind: 'ratio',
  total: { metric: 'http_requests_total', matchers: [] },
  bad: {
    metric: 'http_requests_total',
    matchers: [{ label: 'code', op: '=~', value: '5..' }],
  },
};

const NOW = new Date('2026-12-05T12:00:00Z');
const at = (iso: string) => Date.parse(iso) / 1000;

/** 5-minute points from `start` to `end`: `total` requests each, `bad` of them failed. */
function points(start: number, end: number, value: (t: number) => number) {
  const out: Array<[number, number]> = [];
  for (let t = start; t <= end; t += IMPACT_STEP_SECONDS)
    out.push([t, value(t)]);
  return { kind: 'range' as const, points: out };
}

describe('deployment impact', () => {
  it('plans two 5-minute range queries from the oldest deployment of the last 30 days', () => {
    const plan = planImpactQueries(
      sli,
      [new Date('2026-12-01T14:00:00Z'), new Date('2026-10-01T00:00:00Z')],
      NOW,
    )!;
    expect(plan.queries.map(q => q.measures)).toEqual(['bad', 'total']);
    expect(plan.start).toBe(at('2026-12-01T14:05:00Z'));
    expect(plan.end).toBe(at('2026-12-05T12:00:00Z'));
    expect(plan.queries[0]).toMatchObject({ kind: 'range', step: 300 });
    expect(
      planImpactQueries(sli, [new Date('2026-10-01T00:00:00Z')], NOW),
    ).toBe(undefined);
  });

  it('sums the six hours after a deployment: burn rate and the share of a 30-day budget', () => {
    const start = at('2026-12-01T14:05:00Z');
    const end = at('2026-12-02T00:00:00Z');
    // 1,000 requests a point; 1% fail during the first hour after 14:00, none after.
    const total = points(start, end, () => 1000);
    const bad = points(start, end, t =>
      t <= at('2026-12-01T15:00:00Z') ? 10 : 0,
    );
    const impact = deploymentImpact(
      new Date('2026-12-01T14:00:00Z'),
      { measured: 'bad', part: bad, total },
      { objectivePercent: 99.9, now: NOW },
    )!;
    expect(impact.windowStart).toBe('2026-12-01T14:00:00.000Z');
    expect(impact.windowEnd).toBe('2026-12-01T20:00:00.000Z');
    expect(impact.total).toBe(72 * 1000);
    expect(impact.bad).toBe(12 * 10);
    // (120 / 72,000) / 0.001 = 1.667; × 6 h / 720 h = 1.39% of the budget.
    expect(impact.burnRate).toBeCloseTo(1.6667, 4);
    expect(impact.budgetBurnedPercent).toBeCloseTo(1.3889, 4);
  });

  it('cuts the window at now, and has no figure without events', () => {
    const deployed = new Date('2026-12-05T10:00:00Z');
    const total = points(
      at('2026-12-05T10:05:00Z'),
      at('2026-12-05T12:00:00Z'),
      () => 100,
    );
    const impact = deploymentImpact(
      deployed,
      { measured: 'bad', part: points(0, -1, () => 0), total },
      { objectivePercent: 99.9, now: NOW },
    )!;
    expect(impact.windowEnd).toBe('2026-12-05T12:00:00.000Z');
    expect(impact.burnRate).toBe(0);
    expect(
      deploymentImpact(
        deployed,
        { measured: 'bad' },
        { objectivePercent: 99.9, now: NOW },
      ),
    ).toBeNull();
  });
});
