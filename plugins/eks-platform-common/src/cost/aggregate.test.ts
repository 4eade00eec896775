import {
  dailyCostsByService,
  lastCompleteDay,
  monthlyCosts,
  resultsWithin,
  servicesByTotal,
  totalWithin,
} from './aggregate';
import { group, grouped, ungrouped } from './testing';
import { DailyCost } from './types';

const EKS = 'Amazon Elastic Kubernetes Service';
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const OTHER = 'EC2 - Other';

describe('dailyCostsByService', () => {
  it('merges a day whose groups continue on the next page', () => {
    const page1 = [
      grouped('2026-05-12', '2026-05-13', [
        group([EKS], '2.4'),
        group([EC2], '10.5'),
      ]),
      grouped('2026-05-13', '2026-05-14', [group([OTHER], '1.25')], true),
    ];
    const page2 = [
      grouped(
        '2026-05-13',
        '2026-05-14',
        [group([EKS], '2.5'), group([EC2], '10.25')],
        true,
      ),
    ];
    expect(dailyCostsByService([...page1, ...page2], 'UnblendedCost')).toEqual([
      {
        date: '2026-05-12',
        total: 12.9,
        byService: { [EKS]: 2.4, [EC2]: 10.5 },
        estimated: false,
      },
      {
        date: '2026-05-13',
        total: 14,
        byService: { [OTHER]: 1.25, [EKS]: 2.5, [EC2]: 10.25 },
        estimated: true,
      },
    ]);
  });

  it('calls a day estimated when any of its pages says so', () => {
    const [merged] = dailyCostsByService(
      [
        grouped('2026-05-13', '2026-05-14', [group([EKS], '2.5')], true),
        grouped('2026-05-13', '2026-05-14', [group([EC2], '10')], false),
      ],
      'UnblendedCost',
    );
    expect(merged.estimated).toBe(true);
  });

  it('keeps days without groups at zero and sorts days', () => {
    expect(
      dailyCostsByService(
        [
          grouped('2026-05-02', '2026-05-03', [group([EKS], '2.5')]),
          grouped('2026-05-01', '2026-05-02', []),
        ],
        'UnblendedCost',
      ),
    ).toEqual([
      { date: '2026-05-01', total: 0, byService: {}, estimated: false },
      {
        date: '2026-05-02',
        total: 2.5,
        byService: { [EKS]: 2.5 },
        estimated: false,
      },
    ]);
  });

  it('counts an ungrouped result in the total only', () => {
    expect(
      dailyCostsByService(
        [ungrouped('2026-05-01', '2026-05-02', '7.75', true)],
        'UnblendedCost',
      ),
    ).toEqual([
      { date: '2026-05-01', total: 7.75, byService: {}, estimated: true },
    ]);
  });

  it('reads the requested metric only', () => {
    const result = grouped('2026-05-01', '2026-05-02', [
      {
        Keys: [EC2],
        Metrics: {
          AmortizedCost: { Amount: '3', Unit: 'USD' },
          UnblendedCost: { Amount: '5', Unit: 'USD' },
        },
      },
    ]);
    expect(dailyCostsByService([result], 'AmortizedCost')[0].total).toBe(3);
    expect(dailyCostsByService([result], 'NetAmortizedCost')[0].total).toBe(0);
  });

  it('refuses malformed answers instead of guessing', () => {
    expect(() =>
      dailyCostsByService([{ Groups: [] }], 'UnblendedCost'),
    ).toThrow('without a TimePeriod');
    expect(() =>
      dailyCostsByService(
        [grouped('2026-05-01', '2026-05-02', [group([EKS], 'n/a')])],
        'UnblendedCost',
      ),
    ).toThrow('amount that is not a number: "n/a"');
  });
});

function day(
  date: string,
  byService: Record<string, number>,
  estimated = false,
): DailyCost {
  const total = Object.values(byService).reduce((sum, x) => sum + x, 0);
  return { date, total, byService, estimated };
}

describe('monthlyCosts', () => {
  const daily = [
    day('2026-02-28', { [EKS]: 100 }),
    day('2026-03-01', { [EKS]: 2.5, [EC2]: 10 }),
    day('2026-03-31', { [EKS]: 2.5, [EC2]: 12 }),
    day('2026-04-15', { [EC2]: 20 }),
    day('2026-05-13', { [EKS]: 2.5 }, true),
    day('2026-05-14', { [EKS]: 1.25, [OTHER]: 0.5 }, true),
  ];

  it('sums each month of the range; only ended, fully covered months are complete', () => {
    expect(
      monthlyCosts(
        daily,
        { start: '2026-03-01', end: '2026-05-15' },
        '2026-05-14',
      ),
    ).toEqual([
      {
        month: '2026-03',
        total: 27,
        byService: { [EKS]: 5, [EC2]: 22 },
        estimated: false,
        complete: true,
      },
      {
        month: '2026-04',
        total: 20,
        byService: { [EC2]: 20 },
        estimated: false,
        complete: true,
      },
      {
        month: '2026-05',
        total: 4.25,
        byService: { [EKS]: 3.75, [OTHER]: 0.5 },
        estimated: true,
        complete: false,
      },
    ]);
  });

  it('shows months without costs as zero and a partly covered first month as incomplete', () => {
    const months = monthlyCosts(
      [day('2026-03-31', { [EC2]: 12 })],
      { start: '2026-03-31', end: '2026-05-02' },
      '2026-05-01',
    );
    expect(months.map(m => [m.month, m.total, m.complete])).toEqual([
      ['2026-03', 12, false],
      ['2026-04', 0, true],
      ['2026-05', 0, false],
    ]);
  });

  it('does not call the current month complete on its last day', () => {
    const months = monthlyCosts(
      [],
      { start: '2026-04-01', end: '2026-05-01' },
      '2026-04-30',
    );
    expect(months).toEqual([
      {
        month: '2026-04',
        total: 0,
        byService: {},
        estimated: false,
        complete: false,
      },
    ]);
  });
});

describe('servicesByTotal', () => {
  it('orders services by their total, largest first, ties by name', () => {
    expect(
      servicesByTotal([
        day('2026-05-01', { [EKS]: 2.5, [EC2]: 10, Tax: 1 }),
        day('2026-05-02', { [EKS]: 2.5, [OTHER]: 4, Tax: 3 }),
      ]),
    ).toEqual([EC2, EKS, OTHER, 'Tax']);
    expect(servicesByTotal([])).toEqual([]);
  });
});

describe('lastCompleteDay', () => {
  it.each([
    {
      name: 'the day before the first estimated one',
      estimated: [false, false, true, true],
      expected: '2026-05-02',
    },
    {
      name: 'the last day when none is',
      estimated: [false, false, false, false],
      expected: '2026-05-04',
    },
    {
      name: 'none when the first day is',
      estimated: [true, false, false, false],
      expected: undefined,
    },
    {
      name: 'stops at an estimate in the middle of the range',
      estimated: [false, true, false, false],
      expected: '2026-05-01',
    },
  ])('$name', ({ estimated, expected }) => {
    const daily = estimated.map((isEstimated, i) =>
      day(`2026-05-0${i + 1}`, { [EKS]: 1 }, isEstimated),
    );
    expect(lastCompleteDay(daily)).toBe(expected);
    expect(lastCompleteDay([...daily].reverse())).toBe(expected);
  });

  it('has no complete day without days', () => {
    expect(lastCompleteDay([])).toBeUndefined();
  });
});

describe('periods of results and days', () => {
  it('keeps what starts within [start, end)', () => {
    const results = [
      ungrouped('2026-03-31', '2026-04-01', '1'),
      ungrouped('2026-04-01', '2026-04-02', '2'),
      ungrouped('2026-04-30', '2026-05-01', '4'),
      ungrouped('2026-05-01', '2026-05-02', '8'),
    ];
    const april = { start: '2026-04-01', end: '2026-05-01' };
    expect(resultsWithin(results, april)).toEqual([results[1], results[2]]);
    expect(
      totalWithin(dailyCostsByService(results, 'UnblendedCost'), april),
    ).toBe(6);
  });
});
