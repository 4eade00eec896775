/** The line items one caller may see, at one instant of the sandbox clock. */
import { Expression } from '@aws-sdk/client-cost-explorer';
import { DPJ_ENVIRONMENTS } from '../../seed/dpjEnvironments';
import { InventoryReader } from '../../core/inventory';
import { daysBetween } from './dates';
import { matchesExpression } from './filter';
import {
  CostedResources,
  LineItem,
  lineItemsOfDay,
  projectCurrentResources,
} from './lineItems';

export interface CostExplorerOptions {
  /**
   * Accounts that see the costs of every account, like the management account of an
   * AWS Organization. Any other account sees only its own costs.
   */
  managementAccountIds?: string[];
  /** Account id → account name, the LINKED_ACCOUNT description. Defaults to the seeded DPJ accounts. */
  accountNames?: Record<string, string>;
  /** ResultsByTime entries per GetCostAndUsage page when not grouped; default 40. */
  periodsPerPage?: number;
  /** Groups per GetCostAndUsage page when grouped; default 500. */
  groupsPerPage?: number;
}

/** Which tag keys are active cost allocation tags for the caller; all when omitted. */
export type ActiveTagFilter = (key: string) => boolean;

const PRESET_ACCOUNT_NAMES: Record<string, string> = Object.fromEntries(
  Object.values(DPJ_ENVIRONMENTS).map(seeded => [seeded.account, seeded.name]),
);

export class CostLedger {
  private readonly resources: CostedResources;
  private readonly accountNames: Record<string, string>;

  constructor(
    inventory: InventoryReader,
    callerAccountId: string,
    readonly nowMs: number,
    options: CostExplorerOptions = {},
    private readonly isActiveTag: ActiveTagFilter = () => true,
  ) {
    const seesAll = (options.managementAccountIds ?? []).includes(
      callerAccountId,
    );
    const visible = (resource: { accountId: string }) =>
      seesAll || resource.accountId === callerAccountId;
    this.resources = {
      clusters: inventory.clusters().filter(visible),
      natGateways: inventory.natGateways().filter(visible),
    };
    this.accountNames = options.accountNames ?? PRESET_ACCOUNT_NAMES;
  }

  /** Recorded cost of the days in [start, end) that pass the filter. */
  recorded(start: string, end: string, filter?: Expression): LineItem[] {
    return daysBetween(start, end).flatMap(day =>
      lineItemsOfDay(this.resources, day, this.nowMs)
        .map(item => this.withActiveTags(item))
        .filter(item => matchesExpression(item, filter)),
    );
  }

  /** Inactive cost allocation tags are invisible: their costs read as untagged. */
  private withActiveTags(item: LineItem): LineItem {
    const tags = Object.fromEntries(
      Object.entries(item.tags).filter(([key]) => this.isActiveTag(key)),
    );
    return { ...item, tags };
  }

  /** Every tag key on the caller's costed resources, active or not. */
  tagKeysOnResources(): string[] {
    const day = new Date(this.nowMs).toISOString().slice(0, 10);
    const current = projectCurrentResources(this.resources, this.nowMs);
    return [
      ...new Set(
        lineItemsOfDay(current, day, Infinity).flatMap(item =>
          Object.keys(item.tags),
        ),
      ),
    ];
  }

  /** Cost the resources alive now would have on each day of [start, end). */
  projected(start: string, end: string, filter?: Expression): LineItem[] {
    const current = projectCurrentResources(this.resources, this.nowMs);
    return daysBetween(start, end).flatMap(day =>
      lineItemsOfDay(current, day, Infinity)
        .map(item => this.withActiveTags(item))
        .filter(item => matchesExpression(item, filter)),
    );
  }

  accountDescription(accountId: string): string {
    return this.accountNames[accountId] ?? accountId;
  }
}
