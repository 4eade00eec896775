import { labelFilter, SelectorError } from './labelSelector';

describe('label selectors', () => {
  const labels = { team: 'payments', tier: 'web' };

  it.each([
    ['team=payments', true],
    ['team==payments', true],
    ['team!=payments', false],
    ['team', true],
    ['owner', false],
    ['!owner', true],
    ['!team', false],
    ['team=payments,!owner', true],
    ['team=payments, tier!=web', false],
    ['', true],
  ])('%s on {team: payments, tier: web} is %s', (selector, expected) => {
    expect(labelFilter(selector)(labels)).toBe(expected);
  });

  it('refuses set-based selectors instead of misreading them', () => {
    expect(() => labelFilter('team in (payments)')).toThrow(SelectorError);
  });
});
