import { costGroups, parseAmount } from './costExplorer';
import { group, grouped, ungrouped } from './testing';

describe('Cost Explorer amounts', () => {
  it.each([
    ['12.3456789012', 12.3456789012],
    ['0', 0],
    ['-1.5', -1.5],
    [undefined, 0],
    ['', 0],
  ])('reads %p as %p', (amount, expected) => {
    expect(parseAmount(amount)).toBe(expected);
  });

  it.each(['abc', 'NaN', 'Infinity', '1,5'])('refuses %p', amount => {
    expect(() => parseAmount(amount)).toThrow('not a number');
  });

  it('lists groups, the Total of an ungrouped result, nothing for an empty grouped one', () => {
    expect(
      costGroups(
        grouped('2026-05-01', '2026-05-02', [group(['a', 'b'], '1', '24')]),
        'UsageQuantity',
      ),
    ).toEqual([{ keys: ['a', 'b'], amount: 24, unit: 'Hrs' }]);
    expect(
      costGroups(ungrouped('2026-05-01', '2026-05-02', '7.5'), 'UnblendedCost'),
    ).toEqual([{ keys: [], amount: 7.5, unit: 'USD' }]);
    expect(
      costGroups(grouped('2026-05-01', '2026-05-02', []), 'UnblendedCost'),
    ).toEqual([]);
    expect(
      costGroups(ungrouped('2026-05-01', '2026-05-02', '7.5'), 'AmortizedCost'),
    ).toEqual([]);
  });
});
