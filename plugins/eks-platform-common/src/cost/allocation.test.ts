import { Entity } from '@backstage/catalog-model';
import {
  parseCostAllocationTags,
  readCostAllocation,
  readMonthlyBudget,
} from './allocation';

function cluster(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'dpj-prod', annotations },
    spec: { type: 'kubernetes-cluster' },
  };
}

const account = { 'kubernetes.io/aws-account-id': '111122223333' };

describe('readCostAllocation', () => {
  it('reads the account and the tags annotation', () => {
    expect(
      readCostAllocation(
        cluster({
          ...account,
          'eks-platform/environment': 'dpj-prod',
          'eks-platform/cost-allocation-tags':
            ' environment=production , project = dpj ',
        }),
      ),
    ).toEqual({
      accountId: '111122223333',
      tags: { environment: 'production', project: 'dpj' },
    });
  });

  it('defaults to the environment annotation as the environment tag', () => {
    expect(
      readCostAllocation(
        cluster({ ...account, 'eks-platform/environment': 'dpj-staging' }),
      ),
    ).toEqual({
      accountId: '111122223333',
      tags: { environment: 'dpj-staging' },
    });
  });

  it.each([
    ['team=a=b', { team: 'a=b' }],
    ['cost:center/code=42 + 7', { 'cost:center/code': '42 + 7' }],
    ['équipe=données', { équipe: 'données' }],
    ['owner=ops@example.com', { owner: 'ops@example.com' }],
    [
      'a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10',
      {
        a: '1',
        b: '2',
        c: '3',
        d: '4',
        e: '5',
        f: '6',
        g: '7',
        h: '8',
        i: '9',
        j: '10',
      },
    ],
  ])('accepts AWS tag characters: %s', (text, tags) => {
    expect(parseCostAllocationTags(text)).toEqual(tags);
  });

  it.each([
    ['environment', '"environment" is not key=value'],
    ['environment=', 'empty tag value'],
    ['=production', 'empty tag key'],
    ['environment=production,', '"" is not key=value'],
    ['env=prod,env=dev', 'tag key "env" appears twice'],
    ['team=a&b', 'tag value "a&b" has a character AWS tags do not allow'],
    ['te$am=a', 'tag key "te$am" has a character'],
    [
      'a=1,b=2,c=3,d=4,e=5,f=6,g=7,h=8,i=9,j=10,k=11',
      'at most 10 tags, got 11',
    ],
    [`${'k'.repeat(129)}=v`, 'is longer than 128 characters'],
    [`k=${'v'.repeat(257)}`, 'is longer than 256 characters'],
  ])('refuses %s, naming the annotation', (text, message) => {
    const read = () =>
      readCostAllocation(
        cluster({ ...account, 'eks-platform/cost-allocation-tags': text }),
      );
    expect(read).toThrow(
      'Annotation eks-platform/cost-allocation-tags is invalid: ',
    );
    expect(read).toThrow(message);
  });

  it('accepts keys of 128 and values of 256 characters', () => {
    expect(
      parseCostAllocationTags(`${'k'.repeat(128)}=${'v'.repeat(256)}`),
    ).toEqual({ ['k'.repeat(128)]: 'v'.repeat(256) });
  });

  it('needs the tags or the environment annotation', () => {
    expect(() => readCostAllocation(cluster(account))).toThrow(
      'Annotation eks-platform/cost-allocation-tags is missing and cannot default to environment=<eks-platform/environment>: it is missing',
    );
    expect(() =>
      readCostAllocation(
        cluster({ ...account, 'eks-platform/environment': 'dpj prod!' }),
      ),
    ).toThrow(/cost-allocation-tags is missing .* has a character/);
  });

  it.each([undefined, '11112222333', '1111222233334', '1111-2222-3333', ''])(
    'refuses the account ID %p',
    accountId => {
      const annotations: Record<string, string> = {
        'eks-platform/environment': 'dpj-prod',
      };
      if (accountId !== undefined) {
        annotations['kubernetes.io/aws-account-id'] = accountId;
      }
      expect(() => readCostAllocation(cluster(annotations))).toThrow(
        'Annotation kubernetes.io/aws-account-id must be a 12-digit AWS account ID',
      );
    },
  );
});

describe('readMonthlyBudget', () => {
  const budgets = { 'dpj-prod': 5000, 'dpj-dev': 800 };

  it('prefers the annotation to the configured budget of the environment', () => {
    expect(
      readMonthlyBudget(
        cluster({
          'eks-platform/environment': 'dpj-prod',
          'eks-platform/cost-monthly-budget': '1250.50',
        }),
        budgets,
      ),
    ).toEqual({ amount: 1250.5, source: 'annotation' });
  });

  it('falls back to the configured budget of the environment', () => {
    expect(
      readMonthlyBudget(
        cluster({ 'eks-platform/environment': 'dpj-dev' }),
        budgets,
      ),
    ).toEqual({ amount: 800, source: 'config' });
  });

  it('has no budget without annotation or configured environment', () => {
    expect(
      readMonthlyBudget(
        cluster({ 'eks-platform/environment': 'dpj-staging' }),
        budgets,
      ),
    ).toBeUndefined();
    expect(readMonthlyBudget(cluster({}), budgets)).toBeUndefined();
    // Not an inherited property of the budgets object either.
    expect(
      readMonthlyBudget(
        cluster({ 'eks-platform/environment': 'toString' }),
        budgets,
      ),
    ).toBeUndefined();
  });

  it.each(['0', '0.00', '-5', '1,500', '1e3', 'abc', '', '€100'])(
    'refuses the annotation %p, naming it',
    annotation => {
      expect(() =>
        readMonthlyBudget(
          cluster({
            'eks-platform/environment': 'dpj-prod',
            'eks-platform/cost-monthly-budget': annotation,
          }),
          budgets,
        ),
      ).toThrow(
        'Annotation eks-platform/cost-monthly-budget must be a positive decimal amount',
      );
    },
  );

  it('refuses a configured budget that is not positive', () => {
    expect(() =>
      readMonthlyBudget(cluster({ 'eks-platform/environment': 'dpj-prod' }), {
        'dpj-prod': 0,
      }),
    ).toThrow('The configured monthly budget of environment dpj-prod');
  });
});
