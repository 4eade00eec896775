import { readSloDefinition, SloDefinition } from './definition';
import { planSloQueries, rawEventQueries } from './queries';

function definition(annotations: Record<string, string>): SloDefinition {
  const result = readSloDefinition({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'c', annotations },
  });
  if (result.status !== 'valid') throw new Error(JSON.stringify(result));
  return result.definition;
}

const ratio = definition({
  'eks-platform/slo-total': 'http_requests_total{cluster="c", namespace="dpj"}',
  'eks-platform/slo-bad':
    'http_requests_total{cluster="c",namespace="dpj",code=~"5.."}',
});

describe('SLO queries', () => {
  it('counts requests with sum(increase()) for ratio SLIs', () => {
    expect(rawEventQueries(ratio.sli, '5m')).toEqual({
      bad: 'sum(increase(http_requests_total{cluster="c",namespace="dpj",code=~"5.."}[5m]))',
      total:
        'sum(increase(http_requests_total{cluster="c",namespace="dpj"}[5m]))',
    });
  });

  it('counts up samples over all samples for time-based SLIs', () => {
    const time = definition({
      'eks-platform/slo-uptime': 'probe_success{cluster="c"}',
    });
    expect(rawEventQueries(time.sli, '1d')).toEqual({
      good: 'sum_over_time(probe_success{cluster="c"}[1d])',
      total: 'count_over_time(probe_success{cluster="c"}[1d])',
    });
  });

  it('plans six queries aligned on the minute, UTC days and 5-minute steps', () => {
    const plan = planSloQueries(ratio.sli, new Date('2026-11-26T12:00:42Z'));
    const t = Date.parse('2026-11-26T12:00:00Z') / 1000;
    expect(plan.evaluatedAt).toBe(t);
    expect(plan.queries).toHaveLength(6);
    expect(plan.queries.find(q => q.id === 'rolling.bad')).toEqual({
      id: 'rolling.bad',
      kind: 'instant',
      query:
        'sum(increase(http_requests_total{cluster="c",namespace="dpj",code=~"5.."}[30d]))',
      time: t,
    });
    expect(plan.queries.find(q => q.id === 'daily.total')).toMatchObject({
      kind: 'range',
      query:
        'sum(increase(http_requests_total{cluster="c",namespace="dpj"}[1d]))',
      start: Date.parse('2025-12-02T00:00:00Z') / 1000,
      end: Date.parse('2026-11-26T00:00:00Z') / 1000,
      step: 86_400,
    });
    expect(plan.queries.find(q => q.id === 'recent.total')).toMatchObject({
      start: t - 3 * 86_400 + 300,
      end: t,
      step: 300,
    });
  });

  it('lets a recording-rule builder replace the raw queries', () => {
    const plan = planSloQueries(
      ratio.sli,
      new Date('2026-11-26T12:00:00Z'),
      (_sli, range) => ({
        total: `slo:requests:increase${range}`,
        bad: `slo:errors:increase${range}`,
      }),
    );
    expect(plan.queries.map(q => q.query)).toContain('slo:errors:increase30d');
  });
});
