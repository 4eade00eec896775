import {
  formatChange,
  formatForecast,
  formatMoney,
  formatPeriod,
  roundAmount,
} from './format';

describe('cost formats', () => {
  it('rounds to cents once and groups thousands for display', () => {
    expect(roundAmount(1234.567)).toBe('1234.57');
    expect(formatMoney(1234567.891, 'USD')).toBe('1,234,567.89 USD');
    expect(formatMoney(999.999, 'EUR')).toBe('1,000.00 EUR');
    expect(formatMoney(-1234.5, 'USD')).toBe('-1,234.50 USD');
    expect(formatMoney(-0.001, 'USD')).toBe('0.00 USD');
  });

  it('signs changes and leaves a dash when there is nothing to compare', () => {
    expect(formatChange(22.918)).toBe('+22.9%');
    expect(formatChange(-4.2)).toBe('-4.2%');
    expect(formatChange(0.01)).toBe('0.0%');
    expect(formatChange(undefined)).toBe('—');
  });

  it('writes the forecast with its interval', () => {
    expect(
      formatForecast(
        {
          period: { start: '2026-11-20', end: '2026-12-01' },
          mean: 1250.5,
          lower: 1100,
          upper: 1400.75,
          predictionIntervalLevel: 80,
        },
        'USD',
      ),
    ).toBe('1,250.50 USD (1,100.00–1,400.75 USD, 80% interval)');
    expect(formatForecast(undefined, 'USD')).toBe('—');
  });

  it('shows the last day of a Cost Explorer period, whose end is exclusive', () => {
    expect(formatPeriod({ start: '2026-11-01', end: '2026-12-01' })).toBe(
      '2026-11-01 to 2026-11-30',
    );
  });
});
