/**
 * Inputs and independent read-back of an environment's network for the network action's
 * tests. The read-back uses the SDK directly (not the action's own discovery code).
 */
import type { EnvironmentGuard } from '../../access';
import { testGuard } from '../../__testUtils__/testGuard';
import {
  DescribeAddressesCommand,
  DescribeFlowLogsCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CheckpointStore,
  FAST_WAITS,
  TODAY,
} from '../../__testUtils__/sandboxActionFixture';
import { createNetworkCreateAction } from '../createNetwork';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';

export const PRODUCTION_INPUT = {
  environment: 'production' as const,
  owner: 'group:default/platform-team',
  account: '333333333333',
  flowLogDestinationArn:
    'arn:aws:logs:eu-west-3:333333333333:log-group:/dpj/vpc-flow-logs',
  flowLogDeliveryRoleArn: 'arn:aws:iam::333333333333:role/dpj-vpc-flow-logs',
};

export const DEV_INPUT = {
  environment: 'dev' as const,
  owner: 'group:default/dpj-developers',
  account: '111111111111',
  flowLogDestinationArn: 'arn:aws:s3:::dpj-dev-flow-logs',
};

export function networkAction(
  aws: Pick<AwsClientFactory, 'create'>,
  options: { vpcsPerRegion?: number; guard?: EnvironmentGuard } = {},
) {
  return createNetworkCreateAction({
    aws,
    guard: options.guard ?? testGuard(aws),
    now: () => TODAY,
    waitSettings: FAST_WAITS,
    // Longer together than the sandbox's scaled EC2 consistency window (2 AWS seconds).
    notFoundRetryDelaysMs: [10, 20, 40, 80],
    ...options,
  });
}

const byEnvironment = (name: string) => [
  { Name: 'tag:eks-platform:environment-name', Values: [name] },
];

/** Every resource tagged with the environment, read with plain Describe calls. */
export async function readNetwork(ec2: EC2Client, name: string) {
  const Filters = byEnvironment(name);
  const [vpcs, subnets, gateways, addresses, nats, tables, flowLogs] =
    await Promise.all([
      ec2.send(new DescribeVpcsCommand({ Filters })),
      ec2.send(new DescribeSubnetsCommand({ Filters })),
      ec2.send(new DescribeInternetGatewaysCommand({ Filters })),
      ec2.send(new DescribeAddressesCommand({ Filters })),
      ec2.send(new DescribeNatGatewaysCommand({ Filter: Filters })),
      ec2.send(new DescribeRouteTablesCommand({ Filters })),
      ec2.send(new DescribeFlowLogsCommand({ Filter: Filters })),
    ]);
  return {
    vpcs: vpcs.Vpcs ?? [],
    subnets: subnets.Subnets ?? [],
    internetGateways: gateways.InternetGateways ?? [],
    addresses: addresses.Addresses ?? [],
    // Failed and deleted gateways hold nothing and stay visible for about an hour.
    natGateways: (nats.NatGateways ?? []).filter(
      n => n.State === 'pending' || n.State === 'available',
    ),
    routeTables: tables.RouteTables ?? [],
    flowLogs: flowLogs.FlowLogs ?? [],
  };
}

/** How many of each resource type carry the environment's tag. */
export async function countNetwork(ec2: EC2Client, name: string) {
  const network = await readNetwork(ec2, name);
  return Object.fromEntries(
    Object.entries(network).map(([type, items]) => [type, items.length]),
  );
}

export const PRODUCTION_COUNTS = {
  vpcs: 1,
  subnets: 6,
  internetGateways: 1,
  addresses: 3,
  natGateways: 3,
  routeTables: 4,
  flowLogs: 1,
};

export const DEV_COUNTS = {
  ...PRODUCTION_COUNTS,
  addresses: 1,
  natGateways: 1,
};

export const NO_RESOURCES = {
  vpcs: 0,
  subnets: 0,
  internetGateways: 0,
  addresses: 0,
  natGateways: 0,
  routeTables: 0,
  flowLogs: 0,
};

export { CheckpointStore };
