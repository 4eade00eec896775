import { SloDefinition } from './definition';
import { planSloQueries } from './queries';
import { computeSloReport, SloQueryResults } from './report';

const definition: SloDefinition = {
  name: 'Availability',
  objectivePercent: 99.9,
  sli: {
    kind: 'ratio',
    bad: { metric: 'errors', matchers: [] },
    total: { metric: 'requests', matchers: [] },
  },
};
const NOW = new Date('2026-11-26T12:00:00Z');
const T = NOW.getTime() / 1000;
const DAY = 86_400;

type Slot = { total: number; bad: number };

/** Seconds each planned query sums over. */
function spanOf(id: string): number {
  if (id.startsWith('rolling')) return 30 * DAY;
  return id.startsWith('daily') ? DAY : 300;
}

/**
 * Answers the plan's queries the way an exact Prometheus would, from the events of each
 * 5-minute slot (the slot ending at `end`).
 */
function answer(slot: (end: number) => Slot): SloQueryResults {
  const sum = (from: number, to: number) => {
    const s = { total: 0, bad: 0 };
    for (let end = from + 300; end <= to; end += 300) {
      const x = slot(end);
      s.total += x.total;
      s.bad += x.bad;
    }
    return s;
  };
  const results: SloQueryResults = {};
  for (const q of planSloQueries(definition.sli, NOW).queries) {
    const part = q.id.endsWith('.bad') ? 'bad' : 'total';
    const span = spanOf(q.id);
    if (q.kind === 'instant') {
      const s = sum(q.time - span, q.time);
      results[q.id] = { kind: 'instant', value: s.total > 0 ? s[part] : null };
    } else {
      const points: Array<[number, number]> = [];
      for (let t = q.start; t <= q.end; t += q.step) {
        const s = sum(t - span, t);
        if (s.total > 0) points.push([t, s[part]]);
      }
      results[q.id] = { kind: 'range', points };
    }
  }
  return results;
}

const since = Date.parse('2026-06-01T00:00:00Z') / 1000;
const incidentDay = Date.parse('2026-11-10T00:00:00Z') / 1000;

describe('computeSloReport', () => {
  it('reports a budget exhausted mid-window by a 1,200-request incident', () => {
    // 100 requests per 5 minutes (28,800 a day) from June; on 10 November, 1,200 fail.
    const report = computeSloReport(
      definition,
      T,
      answer(end => {
        if (end <= since) return { total: 0, bad: 0 };
        const incident = end > incidentDay && end <= incidentDay + 12 * 300;
        return { total: 100, bad: incident ? 100 : 0 };
      }),
    );
    // Rolling: 30 × 28,800 = 864,000 requests, 864 may fail, 1,200 did.
    expect(report.rolling30d.total).toBe(864_000);
    expect(report.rolling30d.bad).toBe(1_200);
    expect(report.rolling30d.attainmentPercent).toBeCloseTo(
      (1 - 1200 / 864000) * 100,
      10,
    );
    expect(report.rolling30d.status).toBe('breached');
    expect(report.rolling30d.budgetRemainingPercent).toBeCloseTo(
      (1 - 1200 / 864) * 100,
      8,
    );
    expect(report.rolling30d.badEventsLeft).toBeCloseTo(864 - 1200, 8);
    expect(report.budgetExhaustedAt).toBe('2026-11-11T00:00:00.000Z');
    expect(report.flags).toEqual(['budget-exhausted']);

    // Burn-down: full until the incident day, overspent after it, ideal line straight.
    const at = (iso: string) => report.burnDown.find(p => p.time === iso);
    expect(report.burnDown[0]).toEqual({
      time: '2026-10-27T12:00:00.000Z',
      remainingPercent: 100,
      idealPercent: 100,
    });
    expect(at('2026-11-10T00:00:00.000Z')?.remainingPercent).toBeCloseTo(
      100,
      8,
    );
    expect(at('2026-11-11T00:00:00.000Z')?.remainingPercent).toBeCloseTo(
      (1 - 1200 / 864) * 100,
      8,
    );
    expect(at('2026-11-11T00:00:00.000Z')?.idealPercent).toBeCloseTo(
      (1 - 14.5 / 30) * 100,
      8,
    );
    expect(
      report.burnDown[report.burnDown.length - 1].idealPercent,
    ).toBeCloseTo(0, 10);

    // Current month: 25 whole days and 12 hours of today.
    expect(report.calendarMonth.month).toBe('2026-11');
    expect(report.calendarMonth.total).toBe(25 * 28_800 + 14_400);
    expect(report.calendarMonth.monthlyStatus).toBe('in-progress');
    expect(report.calendarMonth.status).toBe('breached');
    const months = Object.fromEntries(report.monthly.map(m => [m.month, m]));
    expect(report.monthly).toHaveLength(12);
    expect(months['2026-10'].monthlyStatus).toBe('pass');
    expect(months['2026-10'].total).toBe(31 * 28_800);
    expect(months['2026-10'].budgetMinutes).toBeCloseTo(44.64, 10);
    expect(months['2026-06'].daysWithData).toBe(30);
    expect(months['2026-05'].monthlyStatus).toBe('no-data');
    expect(months['2025-12'].monthlyStatus).toBe('no-data');

    // Daily attainment over the window: 27 Oct to today.
    expect(report.daily[0].date).toBe('2026-10-27');
    expect(report.daily[report.daily.length - 1]).toMatchObject({
      date: '2026-11-26',
      total: 14_400,
      attainmentPercent: 100,
    });
    const incident = report.daily.find(d => d.date === '2026-11-10');
    expect(incident?.attainmentPercent).toBeCloseTo(
      (1 - 1200 / 28800) * 100,
      10,
    );

    // Nothing burns now; the budget is already gone.
    expect(report.burnRates.map(t => t.longBurnRate)).toEqual([0, 0, 0, 0]);
    expect(report.burnRates.map(t => t.hoursToExhaustion)).toEqual([
      0, 0, 0, 0,
    ]);
    expect(report.firingAlert).toBeNull();
  });

  it('fires the 14.4× page when the last hour fails 2% of requests', () => {
    const report = computeSloReport(
      definition,
      T,
      answer(end => ({ total: 100, bad: end > T - 3600 ? 2 : 0 })),
    );
    expect(report.burnRates[0].longBurnRate).toBeCloseTo(20, 8);
    expect(report.burnRates[0].shortBurnRate).toBeCloseTo(20, 8);
    // 24 bad of 7,200 in 6 hours: 3.33×, under the 6× tier.
    expect(report.burnRates[1].longBurnRate).toBeCloseTo(24 / 7200 / 0.001, 8);
    expect(report.burnRates.map(t => t.firing)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(report.firingAlert?.factor).toBe(14.4);
    // 24 bad of 864 allowed: 97.22% left; at 20× that lasts 0.9722 × 720 / 20 hours.
    expect(report.rolling30d.budgetRemainingPercent).toBeCloseTo(
      (1 - 24 / 864) * 100,
      8,
    );
    expect(report.burnRates[0].hoursToExhaustion).toBeCloseTo(
      ((1 - 24 / 864) * 720) / 20,
      8,
    );
  });

  it('reports exactly 99.9% as met with the budget just spent', () => {
    // 1,000 requests per 5 minutes; 8,640 bad spread evenly = exactly 0.1%.
    const report = computeSloReport(
      definition,
      T,
      answer(() => ({ total: 1000, bad: 1 })),
    );
    expect(report.rolling30d.attainmentPercent).toBeCloseTo(99.9, 10);
    expect(report.rolling30d.status).toBe('met');
    expect(report.rolling30d.budgetRemainingPercent).toBe(0);
    expect(report.burnRates.map(t => t.longBurnRate)).toEqual(
      [1, 1, 1, 1].map(() => expect.closeTo(1, 8)),
    );
    expect(report.firingAlert?.factor).toBe(1);
    expect(report.monthly.every(m => m.status === 'met')).toBe(true);
  });

  it('flags missing data and judges nothing without series', () => {
    const report = computeSloReport(
      definition,
      T,
      answer(() => ({ total: 0, bad: 0 })),
    );
    expect(report.flags).toEqual(['no-data']);
    expect(report.rolling30d.attainmentPercent).toBeNull();
    expect(report.burnDown).toEqual([]);
    expect(report.monthly.every(m => m.monthlyStatus === 'no-data')).toBe(true);
    expect(
      report.burnRates.every(t => t.longBurnRate === null && !t.firing),
    ).toBe(true);
  });

  it('flags too little traffic to judge and a full outage', () => {
    const quiet = computeSloReport(
      definition,
      T,
      answer(end => ({ total: end > T - 3600 ? 10 : 0, bad: 0 })),
    );
    expect(quiet.rolling30d.total).toBe(120);
    expect(quiet.flags).toContain('low-traffic');
    expect(quiet.flags).toContain('partial-data');

    const outage = computeSloReport(
      definition,
      T,
      answer(() => ({ total: 50, bad: 50 })),
    );
    expect(outage.rolling30d.attainmentPercent).toBe(0);
    expect(outage.rolling30d.budgetRemainingPercent).toBeCloseTo(-99_900, 6);
    expect(outage.firingAlert?.factor).toBe(14.4);
    expect(outage.budgetExhaustedAt).toBe('2026-10-28T00:00:00.000Z');
  });
});
