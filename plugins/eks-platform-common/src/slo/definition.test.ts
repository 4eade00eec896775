import { Entity } from '@backstage/catalog-model';
import { readSloDefinition } from './definition';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'dpj-prod-cluster', annotations },
    spec: { type: 'kubernetes-cluster' },
  };
}

describe('readSloDefinition', () => {
  it('is absent without SLO annotations', () => {
    expect(
      readSloDefinition(entity({ 'eks-platform/region': 'eu-west-3' })),
    ).toEqual({
      status: 'absent',
    });
  });

  it('reads a bad/total ratio SLI with the default 99.9% objective', () => {
    const result = readSloDefinition(
      entity({
        'eks-platform/slo-total': 'http_requests_total{cluster="c"}',
        'eks-platform/slo-bad': 'http_requests_total{cluster="c",code=~"5.."}',
      }),
    );
    expect(result).toEqual({
      status: 'valid',
      definition: {
        name: 'Availability',
        objectivePercent: 99.9,
        sli: {
          kind: 'ratio',
          total: {
            metric: 'http_requests_total',
            matchers: [{ label: 'cluster', op: '=', value: 'c' }],
          },
          bad: {
            metric: 'http_requests_total',
            matchers: [
              { label: 'cluster', op: '=', value: 'c' },
              { label: 'code', op: '=~', value: '5..' },
            ],
          },
        },
      },
    });
  });

  it('reads a time-based SLI, a name and an objective with a percent sign', () => {
    const result = readSloDefinition(
      entity({
        'eks-platform/slo-name': 'Probe uptime',
        'eks-platform/slo-objective': '99.5%',
        'eks-platform/slo-uptime': 'probe_success{cluster="c"}',
      }),
    );
    expect(result.status === 'valid' && result.definition).toMatchObject({
      name: 'Probe uptime',
      objectivePercent: 99.5,
      sli: { kind: 'time', uptime: { metric: 'probe_success' } },
    });
  });

  it.each([
    [
      { 'eks-platform/slo-objective': '100', 'eks-platform/slo-uptime': 'u' },
      'eks-platform/slo-objective',
      'strictly between 0 and 100',
    ],
    [
      { 'eks-platform/slo-objective': 'high', 'eks-platform/slo-uptime': 'u' },
      'eks-platform/slo-objective',
      'got "high"',
    ],
    [
      { 'eks-platform/slo-bad': 'm' },
      'eks-platform/slo-total',
      'is required for a ratio SLI',
    ],
    [
      { 'eks-platform/slo-total': 'm' },
      'eks-platform/slo-good',
      'exactly one of',
    ],
    [
      {
        'eks-platform/slo-total': 'm',
        'eks-platform/slo-good': 'm',
        'eks-platform/slo-bad': 'm',
      },
      'eks-platform/slo-good',
      'exactly one of',
    ],
    [
      { 'eks-platform/slo-uptime': 'u', 'eks-platform/slo-total': 'm' },
      'eks-platform/slo-uptime',
      'cannot be combined',
    ],
    [
      {
        'eks-platform/slo-total': 'm',
        'eks-platform/slo-bad': 'm{a="1"} or vector(1)',
      },
      'eks-platform/slo-bad',
      'must end with "}"',
    ],
  ])('refuses %j naming %s', (annotations, field, message) => {
    const result = readSloDefinition(entity(annotations));
    expect(result.status).toBe('invalid');
    if (result.status !== 'invalid') return;
    const problem = result.problems.find(p => p.field === field);
    expect(problem?.message).toContain(message);
  });
});
