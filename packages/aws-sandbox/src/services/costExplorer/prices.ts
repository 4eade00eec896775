/**
 * List prices of Europe (Paris), eu-west-3, in USD (Linux, shared tenancy), dated
 * November 2026. Sources: aws.amazon.com/eks/pricing, /ec2/pricing/on-demand,
 * /vpc/pricing and /ebs/pricing. The sandbox applies them to every region: it needs
 * plausible, stable numbers, not a billing engine.
 *
 * Checked against published material: EKS control plane $0.10 per cluster-hour in
 * standard support and $0.60 in extended support (the same in every region); NAT
 * gateway $0.048 per hour and $0.048 per GB processed in Paris.
 * Approximations: the EC2 hourly prices and the gp3 price are Paris list prices as
 * known to four decimals, not re-checked against the live pages. Spot is not a list
 * price at all: it is modelled as a deterministic 30–36 % of on-demand that changes
 * from day to day.
 */

import { EC2_ON_DEMAND_HOURLY } from '@internal/aws-facts';

export {
  EBS_GP3_PER_GB_MONTH,
  EKS_CLUSTER_HOURLY,
  NAT_GATEWAY_HOURLY,
  NAT_GATEWAY_PER_GB,
} from '@internal/aws-facts';

/** Fallback for a type missing from the table, so an unexpected type still costs something. */
const FALLBACK_HOURLY_PER_VCPU = 0.05;

/** The published Paris list price (@internal/aws-facts), or a per-vCPU fallback. */
export function onDemandHourly(instanceType: string, vcpus = 2): number {
  return EC2_ON_DEMAND_HOURLY[instanceType] ?? vcpus * FALLBACK_HOURLY_PER_VCPU;
}

/** FNV-1a: a small stable hash, so "random" prices are the same on every run. */
export function stableFraction(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 4294967296;
}

/** Spot price of one day as a share of on-demand: 0.30 to 0.36. */
export function spotShare(day: string, instanceType: string): number {
  return 0.3 + 0.06 * stableFraction(`spot|${instanceType}|${day}`);
}

/** Gigabytes a NAT gateway processes in a full day: 5 to 15, stable per gateway and day. */
export function natGigabytesPerDay(natGatewayId: string, day: string): number {
  return 5 + 10 * stableFraction(`nat|${natGatewayId}|${day}`);
}

/** Normalization factors AWS uses for NormalizedUsageAmount (medium 2, large 4, …). */
export function normalizationFactor(instanceType: string): number {
  const size = instanceType.split('.')[1] ?? '';
  const factors: Record<string, number> = {
    nano: 0.25,
    micro: 0.5,
    small: 1,
    medium: 2,
    large: 4,
    xlarge: 8,
    '2xlarge': 16,
    '4xlarge': 32,
  };
  return factors[size] ?? 1;
}

/** The billing prefix of usage types: eu-west-3 → EUW3; us-east-1 has none. */
const USAGE_TYPE_PREFIXES: Readonly<Record<string, string>> = {
  'us-east-1': '',
  'us-east-2': 'USE2',
  'us-west-1': 'USW1',
  'us-west-2': 'USW2',
  'ca-central-1': 'CAN1',
  'eu-west-1': 'EU',
  'eu-west-2': 'EUW2',
  'eu-west-3': 'EUW3',
  'eu-central-1': 'EUC1',
  'eu-north-1': 'EUN1',
  'eu-south-1': 'EUS1',
  'ap-northeast-1': 'APN1',
  'ap-southeast-1': 'APS1',
  'ap-southeast-2': 'APS2',
  'ap-south-1': 'APS3',
  'sa-east-1': 'SAE1',
};

export function usageType(region: string, usage: string): string {
  const prefix =
    USAGE_TYPE_PREFIXES[region] ?? region.replace(/-/g, '').toUpperCase();
  return prefix ? `${prefix}-${usage}` : usage;
}
