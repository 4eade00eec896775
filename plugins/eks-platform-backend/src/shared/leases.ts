/**
 * A lease says which caller is computing a cache entry, so that the others wait for
 * its answer instead of asking the upstream service again. It expires by itself, so
 * a replica that dies while holding one delays the others by at most its time to live.
 */
export interface Lease {
  release(): Promise<void>;
}

export interface Leases {
  /** Takes the lease on `key` for `ttlMs`, or answers undefined while another holds it. */
  tryAcquire(key: string, ttlMs: number): Promise<Lease | undefined>;
  /** Whether a live lease on `key` is held (by anyone). */
  isHeld(key: string): Promise<boolean>;
}

/** Leases within one process: enough when the backend runs as a single replica. */
export class ProcessLeases implements Leases {
  private readonly held = new Map<
    string,
    { holder: symbol; expires: number }
  >();

  async tryAcquire(key: string, ttlMs: number): Promise<Lease | undefined> {
    if (await this.isHeld(key)) return undefined;
    const holder = Symbol(key);
    this.held.set(key, { holder, expires: Date.now() + ttlMs });
    return {
      release: async () => {
        if (this.held.get(key)?.holder === holder) this.held.delete(key);
      },
    };
  }

  async isHeld(key: string): Promise<boolean> {
    const lease = this.held.get(key);
    return lease !== undefined && lease.expires > Date.now();
  }
}
