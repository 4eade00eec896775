import { lineItemsOfDay, projectCurrentResources } from './lineItems';
import { formatAmount } from './metrics';
import { spotShare, usageType } from './prices';
import { cluster, HOUR, natGateway, nodegroup } from './testInventory';

// The model is pure: fixed dates, no clock.
const at = (isoDay: string, hour = 0) =>
  Date.parse(`${isoDay}T00:00:00Z`) + hour * HOUR;
const END_OF_TIME = Infinity;

describe('Cost Explorer cost model', () => {
  it('charges the extended-support price once the version leaves standard support', () => {
    // EKS 1.31: standard support ends 2025-11-26.
    const resources = {
      clusters: [cluster({ version: '1.31', createdAt: at('2025-01-01') })],
      natGateways: [],
    };
    const [standard] = lineItemsOfDay(resources, '2025-11-25', END_OF_TIME);
    const [extended] = lineItemsOfDay(resources, '2025-11-26', END_OF_TIME);
    expect(standard.dimensions.USAGE_TYPE).toBe(
      'EUW3-AmazonEKS-Hours:perCluster',
    );
    expect(formatAmount(standard.cost)).toBe('2.4');
    expect(extended.dimensions.USAGE_TYPE).toBe(
      'EUW3-AmazonEKS-Hours:extendedSupport',
    );
    expect(formatAmount(extended.cost)).toBe('14.4');
  });

  it('costs nothing after now, nothing for failed groups, and no node outlives its cluster', () => {
    const resources = {
      clusters: [
        cluster({
          createdAt: at('2026-03-01'),
          deletedAt: at('2026-03-10', 12),
          nodegroups: [
            nodegroup({ createdAt: at('2026-03-01') }),
            nodegroup({
              name: 'broken',
              status: 'CREATE_FAILED',
              createdAt: at('2026-03-01'),
            }),
          ],
        }),
      ],
      natGateways: [],
    };
    const halfDay = lineItemsOfDay(resources, '2026-03-10', END_OF_TIME);
    expect(halfDay.map(item => [item.dimensions.SERVICE, item.usage])).toEqual([
      ['Amazon Elastic Kubernetes Service', 12],
      ['Amazon Elastic Compute Cloud - Compute', 24],
      // 2 nodes × 50 GiB × 12 h of March's 744 h.
      ['EC2 - Other', (100 * 12) / 744],
    ]);
    expect(lineItemsOfDay(resources, '2026-03-11', END_OF_TIME)).toEqual([]);
    expect(
      lineItemsOfDay(resources, '2026-03-05', at('2026-03-05', 6)).map(
        item => item.usage,
      ),
    ).toEqual([6, 12, (100 * 6) / 744]);
  });

  it('prices unknown instance types per vCPU and keeps spot and NAT data stable', () => {
    const resources = {
      clusters: [
        cluster({
          createdAt: at('2026-01-01'),
          nodegroups: [
            nodegroup({
              instanceTypes: ['x9.huge'],
              desiredSize: 1,
              createdAt: at('2026-01-01'),
            }),
          ],
        }),
      ],
      natGateways: [natGateway({ createdAt: at('2026-01-01') })],
    };
    const items = lineItemsOfDay(resources, '2026-02-02', END_OF_TIME);
    expect(formatAmount(items[1].cost)).toBe('2.4');
    expect(items[1].dimensions.USAGE_TYPE).toBe('EUW3-BoxUsage:x9.huge');
    expect(lineItemsOfDay(resources, '2026-02-02', END_OF_TIME)).toEqual(items);
    const natBytes = items.find(item => item.usageUnit === 'GB');
    expect(natBytes?.usage).toBeGreaterThanOrEqual(5);
    expect(natBytes?.usage).toBeLessThan(15);
    const shares = ['2026-02-01', '2026-02-02', '2026-02-03'].map(d =>
      spotShare(d, 'c5.xlarge'),
    );
    expect(new Set(shares).size).toBe(3);
    shares.forEach(share => {
      expect(share).toBeGreaterThanOrEqual(0.3);
      expect(share).toBeLessThan(0.36);
    });
  });

  it('projects what runs now as running for ever', () => {
    const now = at('2026-06-15', 9);
    const projected = projectCurrentResources(
      {
        clusters: [
          cluster({
            createdAt: at('2026-06-15', 8),
            nodegroups: [nodegroup({ createdAt: at('2026-06-15', 8) })],
          }),
          cluster({
            name: 'gone',
            createdAt: at('2026-01-01'),
            deletedAt: at('2026-06-01'),
          }),
          cluster({ name: 'future', createdAt: at('2026-06-16') }),
        ],
        natGateways: [
          natGateway({
            createdAt: at('2026-06-01'),
            deletedAt: at('2026-06-15', 10),
          }),
        ],
      },
      now,
    );
    expect(projected.clusters.map(c => c.name)).toEqual(['dpj-dev']);
    expect(projected.natGateways).toHaveLength(1);
    const items = lineItemsOfDay(projected, '2026-06-10', END_OF_TIME);
    expect(items.map(item => item.usage).slice(0, 2)).toEqual([24, 48]);
  });

  it('prefixes usage types with the billing code of the region', () => {
    expect(usageType('eu-west-3', 'NatGateway-Hours')).toBe(
      'EUW3-NatGateway-Hours',
    );
    expect(usageType('eu-west-1', 'NatGateway-Hours')).toBe(
      'EU-NatGateway-Hours',
    );
    expect(usageType('us-east-1', 'BoxUsage:c5.xlarge')).toBe(
      'BoxUsage:c5.xlarge',
    );
  });
});
