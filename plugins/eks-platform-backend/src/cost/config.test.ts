import { ConfigReader } from '@backstage/config';
import { readCostConfig } from './config';

const read = (cost: object) =>
  readCostConfig(new ConfigReader({ eksPlatform: { cost } }));

describe('readCostConfig', () => {
  it('applies the documented defaults', () => {
    expect(readCostConfig(new ConfigReader({}))).toEqual({
      cacheTtlMs: 21_600_000,
      refreshIntervalMinutes: 240,
      growthAlertPercent: 20,
      breakdownTags: ['cost-center', 'owner'],
      monthlyBudgets: {},
    });
  });

  it('reads every key, and builds the USD conversion from currency', () => {
    expect(
      read({
        cacheTtlSeconds: 3600,
        refreshIntervalMinutes: 30,
        growthAlertPercent: 0,
        breakdownTags: ['team', 'aws:createdBy'],
        monthlyBudgets: { production: 1500, dev: 250.5 },
        currency: { code: 'EUR', rate: 0.92 },
      }),
    ).toEqual({
      cacheTtlMs: 3_600_000,
      refreshIntervalMinutes: 30,
      growthAlertPercent: 0,
      breakdownTags: ['team', 'aws:createdBy'],
      monthlyBudgets: { production: 1500, dev: 250.5 },
      conversion: { from: 'USD', to: 'EUR', rate: 0.92 },
    });
  });

  it.each([
    [
      { cacheTtlSeconds: 0 },
      'eksPlatform.cost.cacheTtlSeconds must be a positive number, got 0',
    ],
    [
      { refreshIntervalMinutes: -5 },
      'eksPlatform.cost.refreshIntervalMinutes must be a positive number, got -5',
    ],
    [
      { growthAlertPercent: -1 },
      'eksPlatform.cost.growthAlertPercent must be a number >= 0, got -1',
    ],
    [
      { breakdownTags: ['team', 'team'] },
      'eksPlatform.cost.breakdownTags must not repeat a tag key',
    ],
    [
      { breakdownTags: ['cost,center'] },
      'eksPlatform.cost.breakdownTags: tag key "cost,center" has a character AWS tags do not allow',
    ],
    [
      { breakdownTags: Array.from({ length: 11 }, (_, i) => `tag${i}`) },
      'eksPlatform.cost.breakdownTags: at most 10 tag keys',
    ],
    [
      { monthlyBudgets: { production: 0 } },
      'eksPlatform.cost.monthlyBudgets.production must be a positive number, got 0',
    ],
    [
      { currency: { code: 'euro', rate: 1.1 } },
      "eksPlatform.cost.currency.code must be an ISO 4217 code such as EUR, got 'euro'",
    ],
    [
      { currency: { code: 'EUR', rate: 0 } },
      'eksPlatform.cost.currency.rate must be a positive number, got 0',
    ],
    [
      { currency: { code: 'EUR' } },
      "Missing required config value at 'eksPlatform.cost.currency.rate'",
    ],
    [{ cacheTtlSeconds: 'soon' }, "key 'eksPlatform.cost.cacheTtlSeconds'"],
    [
      { monthlyBudgets: { dev: 'lots' } },
      "key 'eksPlatform.cost.monthlyBudgets.dev'",
    ],
  ])('refuses %j naming the key', (cost, message) => {
    expect(() => read(cost)).toThrow(message);
  });
});
