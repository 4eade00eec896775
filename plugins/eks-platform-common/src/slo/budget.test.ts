import { minimumEventsToJudge, windowCompliance } from './budget';

const rolling = {
  objectivePercent: 99.9,
  sliKind: 'ratio' as const,
  windowMinutes: 43_200,
  elapsedMinutes: 43_200,
};

describe('windowCompliance', () => {
  it('meets the objective exactly at 99.9% with no budget left', () => {
    const c = windowCompliance({ good: 999_000, total: 1_000_000 }, rolling);
    expect(c.attainmentPercent).toBeCloseTo(99.9, 10);
    expect(c.status).toBe('met');
    expect(c.budgetMinutes).toBeCloseTo(43.2, 10);
    expect(c.budgetRemainingPercent).toBe(0);
    expect(c.budgetMinutesLeft).toBe(0);
    expect(c.allowedBadEvents).toBeCloseTo(1000, 6);
    expect(c.badEventsLeft).toBe(0);
  });

  it('breaches one request below 99.9% and reports the overspend', () => {
    const c = windowCompliance({ good: 998_999, total: 1_000_000 }, rolling);
    expect(c.attainmentPercent).toBeCloseTo(99.8999, 10);
    expect(c.status).toBe('breached');
    // 1,001 bad of 1,000 allowed: 0.1% overspent, one request too many.
    expect(c.budgetRemainingPercent).toBeCloseTo(-0.1, 8);
    expect(c.badEventsLeft).toBeCloseTo(-1, 6);
    expect(c.budgetMinutesLeft).toBeCloseTo(-0.0432, 8);
  });

  it('says no data without traffic instead of 0% or 100%', () => {
    const c = windowCompliance({ good: 0, total: 0 }, rolling);
    expect(c.status).toBe('no-data');
    expect(c.attainmentPercent).toBeNull();
    expect(c.budgetRemainingPercent).toBeNull();
    expect(c.badEventsLeft).toBeNull();
    expect(windowCompliance(null, rolling).status).toBe('no-data');
  });

  it('reports a full outage as 0% and 999 budgets overspent', () => {
    const c = windowCompliance({ good: 0, total: 5_000 }, rolling);
    expect(c.attainmentPercent).toBe(0);
    expect(c.status).toBe('breached');
    expect(c.budgetRemainingPercent).toBeCloseTo(-99_900, 6);
    expect(c.budgetMinutesLeft).toBeCloseTo(-999 * 43.2, 6);
    expect(c.badEventsLeft).toBeCloseTo(5 - 5_000, 6);
  });

  it('halves the budget at 99.95%', () => {
    const c = windowCompliance({ good: 999_500, total: 1_000_000 }, rolling);
    expect(c.budgetRemainingPercent).toBeCloseTo(50, 8);
    expect(c.budgetMinutesLeft).toBeCloseTo(21.6, 8);
    expect(c.badEventsLeft).toBeCloseTo(500, 6);
  });

  it('does not judge fewer events than one bad event could breach', () => {
    expect(minimumEventsToJudge(99.9)).toBe(1000);
    expect(minimumEventsToJudge(99)).toBe(100);
    const c = windowCompliance({ good: 999, total: 999 }, rolling);
    expect(c.status).toBe('low-traffic');
    expect(c.attainmentPercent).toBe(100);
  });

  it('counts bad minutes of a time-based SLI against the whole month', () => {
    // 10 days into a 31-day month, one sample a minute, 20 down minutes.
    const c = windowCompliance(
      { good: 14_380, total: 14_400 },
      {
        objectivePercent: 99.9,
        sliKind: 'time',
        windowMinutes: 31 * 1440,
        elapsedMinutes: 10 * 1440,
      },
    );
    expect(c.budgetMinutes).toBeCloseTo(44.64, 10);
    expect(c.budgetMinutesLeft).toBeCloseTo(24.64, 8);
    expect(c.budgetRemainingPercent).toBeCloseTo((24.64 / 44.64) * 100, 8);
    expect(c.badEventsLeft).toBeNull();
  });

  it('clamps extrapolation noise where good exceeds total', () => {
    const c = windowCompliance({ good: 1_000_002, total: 1_000_000 }, rolling);
    expect(c.attainmentPercent).toBe(100);
    expect(c.budgetRemainingPercent).toBe(100);
  });
});
