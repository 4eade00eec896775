/** One call the sandbox answered, for tests and benchmarks to count. */
export interface CallRecord {
  /** AWS signing name (ec2, eks…) or the HTTP service's name (argocd, kubernetes, prometheus). */
  service: string;
  /** AWS operation, or `METHOD /path` for HTTP services. */
  operation: string;
  time: string;
  status: number;
  accountId?: string;
  region?: string;
}

export class CallLog {
  private records: CallRecord[] = [];

  record(call: CallRecord): void {
    this.records.push(call);
  }

  list(): CallRecord[] {
    return [...this.records];
  }

  clear(): void {
    this.records = [];
  }
}
