import {
  breakdown,
  nodeGroupBreakdown,
  purchaseTypeBreakdown,
  serviceBreakdown,
  tagBreakdown,
} from './breakdown';
import { group, grouped, ungrouped } from './testing';

const range = { start: '2026-03-01', end: '2026-05-15' };

describe('tag breakdowns', () => {
  it('sums values over all periods, shows untagged costs, largest first', () => {
    const results = [
      grouped('2026-03-01', '2026-04-01', [
        group(['team$'], '4'),
        group(['team$data'], '1'),
        group(['team$platform'], '6'),
      ]),
      grouped('2026-04-01', '2026-05-01', [
        group(['team$data'], '3'),
        group(['team$platform'], '2'),
      ]),
      grouped('2026-05-01', '2026-05-15', [], true),
    ];
    expect(tagBreakdown('team', results, 'UnblendedCost', range)).toEqual({
      id: 'TAG:team',
      title: 'By tag team',
      period: range,
      total: 16,
      items: [
        { key: 'platform', label: 'platform', amount: 8, share: 0.5 },
        { key: '', label: '(untagged)', amount: 4, share: 0.25 },
        { key: 'data', label: 'data', amount: 4, share: 0.25 },
      ],
    });
  });

  it('names node groups by their eks:nodegroup-name tag', () => {
    const result = nodeGroupBreakdown(
      [
        grouped('2026-05-01', '2026-05-15', [
          group(['eks:nodegroup-name$'], '3'),
          group(['eks:nodegroup-name$general'], '9'),
        ]),
      ],
      'UnblendedCost',
      range,
    );
    expect(result.id).toBe('NODE_GROUP');
    expect(result.title).toBe('By node group');
    expect(result.items).toEqual([
      { key: 'general', label: 'general', amount: 9, share: 0.75 },
      { key: '', label: '(untagged)', amount: 3, share: 0.25 },
    ]);
  });

  it('has no shares without costs', () => {
    expect(
      tagBreakdown(
        'team',
        [grouped('2026-05-01', '2026-05-15', [group(['team$data'], '0')])],
        'UnblendedCost',
        range,
      ),
    ).toEqual({
      id: 'TAG:team',
      title: 'By tag team',
      period: range,
      total: 0,
      items: [{ key: 'data', label: 'data', amount: 0, share: 0 }],
    });
  });
});

describe('purchaseTypeBreakdown', () => {
  it('sums the first key of groups by purchase option and instance type', () => {
    const results = [
      grouped('2026-04-01', '2026-05-01', [
        group(['On Demand Instances', 'NoInstanceType'], '10', '720'),
        group(['On Demand Instances', 'm5.large'], '20', '178.5'),
        group(['Spot Instances', 'm5.large'], '12', '300'),
        group(['Savings Plans', 'c5.xlarge'], '6', '60'),
      ]),
      grouped('2026-05-01', '2026-05-15', [
        group(['Standard Reserved Instances', 'r5.large'], '1', '10'),
        group(['Convertible Reserved Instances', 'r5.large'], '1', '10'),
        group(['Dedicated Host', 'NoInstanceType'], '0.5', '1'),
        group(['', 'NoInstanceType'], '0.5', '1'),
        group(['Spot Instances', 'c5.xlarge'], '13', '200'),
      ]),
    ];
    const result = purchaseTypeBreakdown(results, 'UnblendedCost', range);
    expect(result.id).toBe('PURCHASE_TYPE');
    expect(result.title).toBe('By purchase option');
    expect(result.total).toBe(64);
    expect(result.items).toEqual([
      {
        key: 'On Demand Instances',
        label: 'On-demand',
        amount: 30,
        share: 30 / 64,
      },
      { key: 'Spot Instances', label: 'Spot', amount: 25, share: 25 / 64 },
      {
        key: 'Savings Plans',
        label: 'Savings Plans',
        amount: 6,
        share: 6 / 64,
      },
      {
        key: 'Convertible Reserved Instances',
        label: 'Reserved (convertible)',
        amount: 1,
        share: 1 / 64,
      },
      {
        key: 'Standard Reserved Instances',
        label: 'Reserved (standard)',
        amount: 1,
        share: 1 / 64,
      },
      { key: '', label: '(none)', amount: 0.5, share: 0.5 / 64 },
      {
        key: 'Dedicated Host',
        label: 'Dedicated Host',
        amount: 0.5,
        share: 0.5 / 64,
      },
    ]);
  });
});

describe('serviceBreakdown', () => {
  it('sums daily results by service; an ungrouped day adds an unnamed item', () => {
    const result = serviceBreakdown(
      [
        grouped('2026-05-01', '2026-05-02', [
          group(['Amazon Elastic Kubernetes Service'], '2.4'),
          group(['EC2 - Other'], '1.5'),
        ]),
        grouped('2026-05-02', '2026-05-03', [
          group(['Amazon Elastic Kubernetes Service'], '2.4'),
        ]),
      ],
      'UnblendedCost',
      range,
    );
    expect(result.items.map(i => [i.label, i.amount])).toEqual([
      ['Amazon Elastic Kubernetes Service', 4.8],
      ['EC2 - Other', 1.5],
    ]);
    expect(result.total).toBeCloseTo(6.3, 12);
    expect(
      breakdown([ungrouped('2026-05-01', '2026-05-02', '5')], 'UnblendedCost', {
        id: 'SERVICE',
        title: 'By service',
        period: range,
      }).items,
    ).toEqual([{ key: '', label: '(none)', amount: 5, share: 1 }]);
  });
});
