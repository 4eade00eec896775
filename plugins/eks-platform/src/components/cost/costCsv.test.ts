import { clusterCostCsv } from './costCsv';
import { financeCostCsv } from './finance/financeCsv';
import {
  testClusterCostReport,
  testFinanceCostReport,
} from './__testUtils__/testReports';

describe('clusterCostCsv', () => {
  it('holds the figures of the tab, rounded to cents as displayed', () => {
    expect(clusterCostCsv(testClusterCostReport())).toBe(
      `cluster,resource:default/dpj-prod-cluster
metric,Unblended
currency,USD
range,2026-09-01 to 2026-11-20
data,Last complete day: 2026-11-18; figures after it are estimated
generated at,2026-11-20T12:00:00.000Z

month,2026-11
month to date,2274.00
forecast mean,1250.50
forecast lower,1100.00
forecast upper,1400.75
forecast interval level,80%
projected month total,3524.50
budget,3500.00
% of budget,100.7%
budget status,at risk
month-over-month change,+22.9%
growth alert,yes

date,Amazon Elastic Compute Cloud - Compute,EC2 - Other,Amazon Elastic Kubernetes Service,total,estimated
2026-11-16,100.12,10.50,2.40,113.02,no
2026-11-17,101.50,11.26,2.40,115.16,no
2026-11-18,99.99,10.00,2.40,112.39,no
2026-11-19,104.20,12.10,2.40,118.70,yes
2026-11-20,50.00,6.00,0.00,56.00,yes

month,Amazon Elastic Compute Cloud - Compute,EC2 - Other,Amazon Elastic Kubernetes Service,total,state
2026-09,2980.50,301.25,72.00,3353.75,complete
2026-10,3105.46,320.10,74.40,3499.96,complete
2026-11,2015.30,210.70,48.00,2274.00,"partial, estimated"

breakdown,Purchase type,2026-11-01 to 2026-11-20
item,amount,share
On-demand,1200.30,59.6%
Spot,815.00,40.4%
total,2015.30,

breakdown,Tag team,2026-11-01 to 2026-11-20
item,amount,share
payments,1800.00,79.2%
(untagged),474.00,20.8%
total,2274.00,

spot savings,2026-11-01 to 2026-11-20
spot cost,815.00
spot hours,4000
on-demand equivalent,2400.00
savings,1585.00
savings %,66.0%
unpriced instance types,m7gd.metal
`,
    );
  });

  it('names the conversion when amounts were converted', () => {
    const csv = clusterCostCsv(
      testClusterCostReport({
        currency: 'EUR',
        conversion: { from: 'USD', to: 'EUR', rate: 0.92 },
      }),
    );
    expect(csv.split('\n').slice(2, 4)).toEqual([
      'currency,EUR',
      'converted from,USD,rate,0.92 EUR per USD',
    ]);
  });
});

describe('financeCostCsv', () => {
  it('holds the table as shown, with a totals line', () => {
    expect(financeCostCsv(testFinanceCostReport())).toBe(
      `month,2026-11
metric,Amortized
currency,USD
generated at,2026-11-20T12:00:00.000Z

cluster,entity,environment,account,month to date,forecast mean,forecast lower,forecast upper,forecast interval level,projected month total,budget,% of budget,budget status,month-over-month change,growth alert,last complete day,estimated,error
DPJ production,resource:default/dpj-prod-cluster,prod,111122223333,2274.00,1250.50,1100.00,1400.75,80%,3524.50,3500.00,100.7%,at risk,+22.9%,yes,2026-11-18,yes,
DPJ staging,resource:default/dpj-staging-cluster,staging,444455556666,600.00,310.25,280.00,340.00,80%,910.25,1500.00,60.7%,under budget,-4.2%,no,2026-11-18,no,
DPJ development,resource:default/dpj-dev-cluster,dev,777788889999,—,—,—,—,—,—,—,—,—,—,,,,Cost Explorer denied access: AccessDeniedException
total,,,,2874.00,,,,,4434.75,5000.00,,,,,,,1 without figures
`,
    );
  });
});
