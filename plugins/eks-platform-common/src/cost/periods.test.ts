import { costPeriods, parseCostMetric, parseCostRangeMonths } from './periods';

describe('costPeriods', () => {
  it.each([
    {
      name: 'mid-month, 3 months',
      now: '2026-05-14T10:00:00Z',
      months: 3,
      expected: {
        month: '2026-05',
        today: '2026-05-14',
        range: { start: '2026-03-01', end: '2026-05-15' },
        monthToDate: { start: '2026-05-01', end: '2026-05-15' },
        previousMonthSamePeriod: { start: '2026-04-01', end: '2026-04-15' },
        forecast: { start: '2026-05-14', end: '2026-06-01' },
      },
    },
    {
      name: 'January: the previous month is December of the year before',
      now: '2026-01-10T23:59:59Z',
      months: 3,
      expected: {
        month: '2026-01',
        today: '2026-01-10',
        range: { start: '2025-11-01', end: '2026-01-11' },
        monthToDate: { start: '2026-01-01', end: '2026-01-11' },
        previousMonthSamePeriod: { start: '2025-12-01', end: '2025-12-11' },
        forecast: { start: '2026-01-10', end: '2026-02-01' },
      },
    },
    {
      name: '31 March compares with the whole of a 28-day February',
      now: '2026-03-31T08:00:00Z',
      months: 1,
      expected: {
        month: '2026-03',
        today: '2026-03-31',
        range: { start: '2026-03-01', end: '2026-04-01' },
        monthToDate: { start: '2026-03-01', end: '2026-04-01' },
        previousMonthSamePeriod: { start: '2026-02-01', end: '2026-03-01' },
        forecast: { start: '2026-03-31', end: '2026-04-01' },
      },
    },
    {
      name: 'last day of the year: forecast of one day, range ends on 1 January',
      now: '2026-12-31T18:00:00Z',
      months: 13,
      expected: {
        month: '2026-12',
        today: '2026-12-31',
        range: { start: '2025-12-01', end: '2027-01-01' },
        monthToDate: { start: '2026-12-01', end: '2027-01-01' },
        previousMonthSamePeriod: { start: '2026-11-01', end: '2026-12-01' },
        forecast: { start: '2026-12-31', end: '2027-01-01' },
      },
    },
    {
      name: 'first day of the month',
      now: '2026-06-01T00:00:00Z',
      months: 2,
      expected: {
        month: '2026-06',
        today: '2026-06-01',
        range: { start: '2026-05-01', end: '2026-06-02' },
        monthToDate: { start: '2026-06-01', end: '2026-06-02' },
        previousMonthSamePeriod: { start: '2026-05-01', end: '2026-05-02' },
        forecast: { start: '2026-06-01', end: '2026-07-01' },
      },
    },
  ])('$name', ({ now, months, expected }) => {
    expect(costPeriods(new Date(now), months)).toEqual(expected);
  });

  it('clamps to a leap February and to a 30-day April', () => {
    expect(
      costPeriods(new Date('2028-03-30T12:00:00Z'), 3).previousMonthSamePeriod,
    ).toEqual({ start: '2028-02-01', end: '2028-03-01' });
    expect(
      costPeriods(new Date('2028-02-29T12:00:00Z'), 3).previousMonthSamePeriod,
    ).toEqual({ start: '2028-01-01', end: '2028-01-30' });
    expect(
      costPeriods(new Date('2026-05-31T12:00:00Z'), 3).previousMonthSamePeriod,
    ).toEqual({ start: '2026-04-01', end: '2026-05-01' });
  });

  it('works in UTC whatever the offset the date was written with', () => {
    const periods = costPeriods(new Date('2026-05-31T23:30:00-02:00'), 3);
    expect(periods.today).toBe('2026-06-01');
    expect(periods.month).toBe('2026-06');
  });

  it('covers the 13 months Cost Explorer keeps at most', () => {
    expect(costPeriods(new Date('2026-05-14T10:00:00Z'), 13).range).toEqual({
      start: '2025-05-01',
      end: '2026-05-15',
    });
  });

  it.each([0, 14, 2.5])('refuses %p months', months => {
    expect(() => costPeriods(new Date('2026-05-14T10:00:00Z'), months)).toThrow(
      /months/,
    );
  });

  it('refuses an invalid date', () => {
    expect(() => costPeriods(new Date('not a date'), 3)).toThrow(
      'invalid date',
    );
  });
});

describe('parseCostRangeMonths', () => {
  it.each([
    [undefined, 3],
    [1, 1],
    [13, 13],
    ['6', 6],
    ['13', 13],
  ])('reads %p as %p', (value, expected) => {
    expect(parseCostRangeMonths(value)).toBe(expected);
  });

  it.each([0, 14, 2.5, '0', '14', '3.0', ' 3', '', 'abc', null, ['3'], NaN])(
    'refuses %p naming months',
    value => {
      expect(() => parseCostRangeMonths(value)).toThrow(
        /^months must be a whole number from 1 to 13, got /,
      );
    },
  );
});

describe('parseCostMetric', () => {
  it('defaults to the given metric and accepts the offered ones', () => {
    expect(parseCostMetric(undefined, 'AmortizedCost')).toBe('AmortizedCost');
    expect(parseCostMetric('NetAmortizedCost', 'UnblendedCost')).toBe(
      'NetAmortizedCost',
    );
    expect(parseCostMetric('UnblendedCost', 'AmortizedCost')).toBe(
      'UnblendedCost',
    );
  });

  it.each(['unblendedcost', 'BlendedCost', 'UsageQuantity', '', 3, null])(
    'refuses %p naming metric',
    value => {
      expect(() => parseCostMetric(value, 'UnblendedCost')).toThrow(
        /^metric must be one of UnblendedCost, AmortizedCost, NetAmortizedCost, got /,
      );
    },
  );
});
