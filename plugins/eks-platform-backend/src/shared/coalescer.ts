/**
 * Lets concurrent callers asking for the same key share one running computation, so
 * many viewers of one page cost one upstream fetch. Nothing is kept once it settles:
 * caching is the cache service's job.
 */
export class Coalescer<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, start: () => Promise<T>): Promise<T> {
    const pending = this.running.get(key);
    if (pending) return pending;
    const promise = Promise.resolve()
      .then(start)
      .finally(() => this.running.delete(key));
    this.running.set(key, promise);
    return promise;
  }
}
