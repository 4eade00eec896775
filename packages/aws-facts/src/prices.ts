/**
 * List prices in Europe (Paris), eu-west-3, USD, Linux, shared tenancy, as listed in
 * November 2026.
 *
 * Sources: aws.amazon.com/ec2/pricing/on-demand (instance hours), /eks/pricing (control
 * plane: the same in every region), /vpc/pricing (NAT gateway), /ebs/pricing (gp3).
 * EC2 and gp3 figures are the list prices to four decimals, not re-checked against the
 * live pages since. Spot has no list price: it moves with the market.
 */

export const PRICE_REGION = 'eu-west-3';

/** On-demand USD per instance-hour. */
export const EC2_ON_DEMAND_HOURLY: Readonly<Record<string, number>> = {
  't3.medium': 0.0472,
  't3.large': 0.0944,
  't3a.large': 0.085,
  't3.xlarge': 0.1888,
  'c5.large': 0.101,
  'c5.xlarge': 0.202,
  'c5a.xlarge': 0.182,
  'c5d.xlarge': 0.23,
  'c6i.xlarge': 0.202,
  'c5.2xlarge': 0.404,
  'm5.large': 0.112,
  'm5a.large': 0.101,
  'm6i.large': 0.112,
  'm5.xlarge': 0.224,
  'm5a.xlarge': 0.202,
  'm6i.xlarge': 0.224,
  'r5.large': 0.148,
};

/** EKS control plane, USD per cluster-hour. */
export const EKS_CLUSTER_HOURLY = { standard: 0.1, extended: 0.6 } as const;

/** NAT gateway, USD per hour and per GB processed. */
export const NAT_GATEWAY_HOURLY = 0.048;
export const NAT_GATEWAY_PER_GB = 0.048;

/** EBS gp3 storage, USD per GB-month (IOPS and throughput within the free baseline). */
export const EBS_GP3_PER_GB_MONTH = 0.0928;
