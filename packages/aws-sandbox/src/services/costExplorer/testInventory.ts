/**
 * Hand-built inventories and a sandbox runner for the Cost Explorer tests. Days are
 * counted from today (UTC) because the sandbox clock is the real clock.
 */
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import {
  ClusterInventory,
  InventoryReader,
  NatGatewayInventory,
  NodegroupInventory,
} from '../../core/inventory';
import { RunningSandbox, startSandbox } from '../../server';
import { createCostExplorerService, CostExplorerOptions } from './index';

const DAY = 24 * 3600 * 1000;
export const HOUR = 3600 * 1000;

/** 00:00 UTC of today + `offset` days, in epoch milliseconds. */
export function dayStart(offset: number): number {
  return Math.floor(Date.now() / DAY) * DAY + offset * DAY;
}

/** "YYYY-MM-DD" of today + `offset` days. */
export function day(offset: number): string {
  return new Date(dayStart(offset)).toISOString().slice(0, 10);
}

/** Hours in the calendar month of a day, to prorate GB-month prices by hand. */
export function hoursInMonth(offset: number): number {
  const date = new Date(dayStart(offset));
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  return (Date.UTC(year, month + 1, 1) - Date.UTC(year, month, 1)) / HOUR;
}

export function nodegroup(
  overrides: Partial<NodegroupInventory> = {},
): NodegroupInventory {
  return {
    name: 'app-on-demand',
    capacityType: 'ON_DEMAND',
    instanceTypes: ['c5.xlarge'],
    minSize: 1,
    desiredSize: 2,
    maxSize: 4,
    status: 'ACTIVE',
    createdAt: dayStart(-30),
    labels: {},
    taints: [],
    diskSizeGiB: 50,
    tags: {},
    ...overrides,
  };
}

export function cluster(
  overrides: Partial<ClusterInventory> = {},
): ClusterInventory {
  return {
    accountId: '111111111111',
    region: 'eu-west-3',
    name: 'dpj-dev',
    version: '1.35',
    status: 'ACTIVE',
    createdAt: dayStart(-30),
    tags: { environment: 'dev', project: 'dpj' },
    nodegroups: [],
    ...overrides,
  };
}

export function natGateway(
  overrides: Partial<NatGatewayInventory> = {},
): NatGatewayInventory {
  return {
    accountId: '111111111111',
    region: 'eu-west-3',
    id: 'nat-0123456789abcdef0',
    createdAt: dayStart(-30),
    tags: {},
    ...overrides,
  };
}

export function staticInventory(resources: {
  clusters?: ClusterInventory[];
  natGateways?: NatGatewayInventory[];
}): InventoryReader {
  return {
    clusters: () => resources.clusters ?? [],
    natGateways: () => resources.natGateways ?? [],
    subnets: () => [],
  };
}

export interface CostExplorerHarness {
  sandbox: RunningSandbox;
  client(accessKeyId?: string): CostExplorerClient;
}

export async function startCostExplorer(
  inventory: InventoryReader,
  options?: CostExplorerOptions,
): Promise<CostExplorerHarness> {
  const sandbox = await startSandbox({
    awsServices: [createCostExplorerService(inventory, options)],
    timeScale: 0.001,
  });
  return {
    sandbox,
    client: (accessKeyId = 'AKIDSANDBOXDEV') =>
      new CostExplorerClient({
        region: 'us-east-1',
        endpoint: sandbox.url,
        credentials: { accessKeyId, secretAccessKey: 'x' },
        maxAttempts: 1,
      }),
  };
}

/** Parses an AWS amount string. */
export function amount(value: { Amount?: string } | undefined): number {
  return Number(value?.Amount);
}
