/**
 * All emulated resources, in memory. Each service keeps its own store per account and
 * region (IAM: per account, region 'global'), created on first use.
 */
export class SandboxState {
  private readonly stores = new Map<string, unknown>();
  private counter = 0;

  /** The store of `service` for one account and region. */
  scope<T>(
    service: string,
    accountId: string,
    region: string,
    create: () => T,
  ): T {
    const key = `${service}/${accountId}/${region}`;
    let store = this.stores.get(key) as T | undefined;
    if (store === undefined) {
      store = create();
      this.stores.set(key, store);
    }
    return store;
  }

  /** Every store of a service, e.g. for Cost Explorer to cost all regions of an account. */
  scopesOf<T>(
    service: string,
  ): { accountId: string; region: string; store: T }[] {
    const prefix = `${service}/`;
    return [...this.stores.entries()]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, store]) => {
        const [, accountId, region] = key.split('/');
        return { accountId, region, store: store as T };
      });
  }

  /**
   * A new resource id in AWS's format: `prefix-` and 17 hex digits (vpc-0a1b…), unique
   * within this sandbox and stable for a given creation order.
   */
  nextId(prefix: string): string {
    this.counter += 1;
    // Knuth's multiplicative hash spreads consecutive counters over the id space.
    const mixed = Math.imul(this.counter, 2654435761) >>> 0;
    return `${prefix}-0${mixed.toString(16).padStart(8, '0')}${this.counter
      .toString(16)
      .padStart(8, '0')}`;
  }

  clear(): void {
    this.stores.clear();
    this.counter = 0;
  }
}
