import { burnRate, burnRateTiers, firingAlert } from './burnRates';

describe('burn rates', () => {
  it('is the bad ratio over the allowed ratio', () => {
    expect(burnRate({ good: 9_856, total: 10_000 }, 99.9)).toBeCloseTo(
      14.4,
      10,
    );
    expect(burnRate({ good: 0, total: 0 }, 99.9)).toBeNull();
  });

  it('fires every tier at a steady 14.4× burn, the page alert first', () => {
    const tiers = burnRateTiers(
      minutes => ({ good: minutes * 100 * (1 - 0.0144), total: minutes * 100 }),
      99.9,
      50,
    );
    expect(tiers.map(t => t.firing)).toEqual([true, true, true, true]);
    expect(tiers.map(t => t.budgetConsumedAtThresholdPercent)).toEqual([
      2, 5, 10, 10,
    ]);
    // Half of 720 hours of budget at 14.4×: 25 hours left.
    expect(tiers[0].hoursToExhaustion).toBeCloseTo(25, 8);
    expect(firingAlert(tiers)?.factor).toBe(14.4);
    expect(firingAlert(tiers)?.severity).toBe('page');
  });

  it('needs the long window too: a 5-minute spike alone fires nothing', () => {
    const tiers = burnRateTiers(
      minutes =>
        minutes === 5
          ? { good: 400, total: 500 }
          : { good: minutes * 100 - 100, total: minutes * 100 },
      99.9,
      80,
    );
    expect(tiers[0].shortBurnRate).toBeCloseTo(200, 8);
    expect(tiers[0].longBurnRate).toBeCloseTo(100 / 6000 / 0.001, 8);
    expect(tiers[0].firing).toBe(true);
    const quiet = burnRateTiers(
      minutes =>
        minutes === 5
          ? { good: 400, total: 500 }
          : { good: minutes * 100 - 1, total: minutes * 100 },
      99.9,
      80,
    );
    expect(quiet[0].longBurnRate).toBeCloseTo(1 / 6000 / 0.001, 8);
    expect(firingAlert(quiet)).toBeNull();
  });

  it('has no time to exhaustion without burn and zero once the budget is spent', () => {
    const idle = burnRateTiers(m => ({ good: m, total: m }), 99.9, 40);
    expect(idle[3].hoursToExhaustion).toBeNull();
    const spent = burnRateTiers(m => ({ good: m, total: m }), 99.9, -5);
    expect(spent[3].hoursToExhaustion).toBe(0);
  });
});
