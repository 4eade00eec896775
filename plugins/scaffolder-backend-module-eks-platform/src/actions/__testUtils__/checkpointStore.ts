import type { JsonValue } from '@backstage/types';

/**
 * The scaffolder's checkpoint semantics (NunjucksWorkflowRunner): a key that succeeded
 * returns its stored JSON value without running again; a failed one runs again. Shared by
 * the runs of one task to emulate a retried or resumed task.
 */
export class CheckpointStore {
  readonly values = new Map<string, JsonValue>();
  /** Number of checkpoint functions that ran (not returned from the store). */
  ran = 0;
  /** Throws before running the checkpoint function with this 0-based index: an abort between steps. */
  abortBefore?: number;
  /** Throws instead of running the checkpoint with this key. */
  abortAtKey?: string;

  checkpoint = async <T extends JsonValue | void>(options: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T> => {
    if (this.values.has(options.key)) {
      return this.values.get(options.key) as T;
    }
    if (
      (this.abortBefore !== undefined && this.ran === this.abortBefore) ||
      options.key === this.abortAtKey
    ) {
      throw new Error(`simulated abort before checkpoint ${options.key}`);
    }
    this.ran += 1;
    const value = await options.fn();
    // Stored as JSON, like the task state in the database.
    this.values.set(options.key, JSON.parse(JSON.stringify(value ?? {})));
    return value;
  };
}
