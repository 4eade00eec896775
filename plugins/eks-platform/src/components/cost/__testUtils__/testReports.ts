/** Small hand-written cost reports (tests only): three services, five days, three months. */
import {
  ClusterCostReport,
  FinanceCostReport,
  MonthOverMonthChange,
  MonthToDateCost,
} from '@internal/plugin-eks-platform-common';

export const EC2 = 'Amazon Elastic Compute Cloud - Compute';
export const EKS = 'Amazon Elastic Kubernetes Service';
export const OTHER = 'EC2 - Other';

const NOVEMBER = { start: '2026-11-01', end: '2026-11-21' };

/** At risk: 2,274 spent, 1,250.50 forecast, 3,524.50 projected against 3,500. */
export const PROD_MONTH_TO_DATE: MonthToDateCost = {
  month: '2026-11',
  period: NOVEMBER,
  amount: 2274,
  forecast: {
    period: { start: '2026-11-20', end: '2026-12-01' },
    mean: 1250.5,
    lower: 1100,
    upper: 1400.75,
    predictionIntervalLevel: 80,
  },
  projectedMonthTotal: 3524.5,
  budget: { amount: 3500, source: 'annotation' },
  projectedBudgetPercent: (3524.5 / 3500) * 100,
  status: 'at-risk',
};

/** +22.9% against 1,850 on the same days of October: above the 20% threshold. */
export const PROD_MONTH_OVER_MONTH: MonthOverMonthChange = {
  current: { period: NOVEMBER, amount: 2274 },
  previous: {
    period: { start: '2026-10-01', end: '2026-10-21' },
    amount: 1850,
  },
  changePercent: ((2274 - 1850) / 1850) * 100,
  thresholdPercent: 20,
  growthAlert: true,
};

export function testClusterCostReport(
  overrides: Partial<ClusterCostReport> = {},
): ClusterCostReport {
  return {
    entityRef: 'resource:default/dpj-prod-cluster',
    metric: 'UnblendedCost',
    currency: 'USD',
    range: { start: '2026-09-01', end: '2026-11-21', months: 3 },
    generatedAt: '2026-11-20T12:00:00.000Z',
    costAllocation: {
      accountId: '111122223333',
      tags: { 'eks:cluster-name': 'dpj-prod-cluster' },
    },
    lastCompleteDay: '2026-11-18',
    estimated: true,
    services: [EC2, OTHER, EKS],
    daily: [
      {
        date: '2026-11-16',
        total: 113.023,
        byService: { [EC2]: 100.123, [OTHER]: 10.5, [EKS]: 2.4 },
        estimated: false,
      },
      {
        date: '2026-11-17',
        total: 115.156,
        byService: { [EC2]: 101.5, [OTHER]: 11.256, [EKS]: 2.4 },
        estimated: false,
      },
      {
        date: '2026-11-18',
        total: 112.394,
        byService: { [EC2]: 99.994, [OTHER]: 10, [EKS]: 2.4 },
        estimated: false,
      },
      {
        date: '2026-11-19',
        total: 118.7,
        byService: { [EC2]: 104.2, [OTHER]: 12.1, [EKS]: 2.4 },
        estimated: true,
      },
      {
        date: '2026-11-20',
        total: 56,
        byService: { [EC2]: 50, [OTHER]: 6 },
        estimated: true,
      },
    ],
    monthly: [
      {
        month: '2026-09',
        total: 3353.75,
        byService: { [EC2]: 2980.5, [OTHER]: 301.25, [EKS]: 72 },
        estimated: false,
        complete: true,
      },
      {
        month: '2026-10',
        total: 3499.956,
        byService: { [EC2]: 3105.456, [OTHER]: 320.1, [EKS]: 74.4 },
        estimated: false,
        complete: true,
      },
      {
        month: '2026-11',
        total: 2274,
        byService: { [EC2]: 2015.3, [OTHER]: 210.7, [EKS]: 48 },
        estimated: true,
        complete: false,
      },
    ],
    breakdowns: [
      {
        id: 'PURCHASE_TYPE',
        title: 'Purchase type',
        period: NOVEMBER,
        total: 2015.3,
        items: [
          {
            key: 'On Demand Instances',
            label: 'On-demand',
            amount: 1200.3,
            share: 1200.3 / 2015.3,
          },
          {
            key: 'Spot Instances',
            label: 'Spot',
            amount: 815,
            share: 815 / 2015.3,
          },
        ],
      },
      {
        id: 'TAG:team',
        title: 'Tag team',
        period: NOVEMBER,
        total: 2274,
        items: [
          {
            key: 'payments',
            label: 'payments',
            amount: 1800,
            share: 1800 / 2274,
          },
          { key: '', label: '(untagged)', amount: 474, share: 474 / 2274 },
        ],
      },
    ],
    monthToDate: PROD_MONTH_TO_DATE,
    monthOverMonth: PROD_MONTH_OVER_MONTH,
    spotSavings: {
      period: NOVEMBER,
      spotCost: 815,
      spotHours: 4000,
      onDemandEquivalent: 2400,
      savings: 1585,
      savingsPercent: (1585 / 2400) * 100,
      unpricedInstanceTypes: ['m7gd.metal'],
    },
    ...overrides,
  };
}

export function testFinanceCostReport(
  overrides: Partial<FinanceCostReport> = {},
): FinanceCostReport {
  return {
    metric: 'AmortizedCost',
    currency: 'USD',
    month: '2026-11',
    generatedAt: '2026-11-20T12:00:00.000Z',
    environments: [
      {
        entityRef: 'resource:default/dpj-prod-cluster',
        title: 'DPJ production',
        environment: 'prod',
        accountId: '111122223333',
        monthToDate: PROD_MONTH_TO_DATE,
        monthOverMonth: PROD_MONTH_OVER_MONTH,
        lastCompleteDay: '2026-11-18',
        estimated: true,
      },
      {
        entityRef: 'resource:default/dpj-staging-cluster',
        title: 'DPJ staging',
        environment: 'staging',
        accountId: '444455556666',
        monthToDate: {
          month: '2026-11',
          period: NOVEMBER,
          amount: 600,
          forecast: {
            period: { start: '2026-11-20', end: '2026-12-01' },
            mean: 310.25,
            lower: 280,
            upper: 340,
            predictionIntervalLevel: 80,
          },
          projectedMonthTotal: 910.25,
          budget: { amount: 1500, source: 'config' },
          projectedBudgetPercent: (910.25 / 1500) * 100,
          status: 'under',
        },
        monthOverMonth: {
          current: { period: NOVEMBER, amount: 600 },
          previous: {
            period: { start: '2026-10-01', end: '2026-10-21' },
            amount: 626.3,
          },
          changePercent: ((600 - 626.3) / 626.3) * 100,
          thresholdPercent: 20,
          growthAlert: false,
        },
        lastCompleteDay: '2026-11-18',
        estimated: false,
      },
      {
        entityRef: 'resource:default/dpj-dev-cluster',
        title: 'DPJ development',
        environment: 'dev',
        accountId: '777788889999',
        error: 'Cost Explorer denied access: AccessDeniedException',
      },
    ],
    totals: {
      monthToDate: 2874,
      projectedMonthTotal: 4434.75,
      budget: 5000,
      environmentsWithoutFigures: 1,
    },
    ...overrides,
  };
}
