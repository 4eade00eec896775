/**
 * Reads untrusted input (a scaffolder form, a template parameter, JSON) one
 * field at a time. Each reader returns the value when it has the expected
 * type and records a problem otherwise, so later checks only ever see
 * well-typed values and nothing throws on a missing or mistyped field.
 */
import {
  entryPath,
  indexPath,
  problem,
  ValidationProblem,
  ValidationRuleId,
} from './problems';

/** A list read item by item; an unreadable item stays undefined so indexes keep matching the input. */
export type Items<T> = Array<T | undefined>;

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null;
}

export class InputReader {
  readonly problems: ValidationProblem[] = [];

  private missing(path: string): undefined {
    this.problems.push(problem(path, 'required', `${path} is required`));
    return undefined;
  }

  private wrongType(path: string, expected: string, value: unknown): undefined {
    this.problems.push(
      problem(
        path,
        'type',
        `${path} must be ${expected}, got ${describeValue(value)}`,
      ),
    );
    return undefined;
  }

  object(value: unknown, path: string): Record<string, unknown> | undefined {
    if (isMissing(value)) return this.missing(path);
    if (typeof value !== 'object' || Array.isArray(value)) {
      return this.wrongType(path, 'an object', value);
    }
    return value as Record<string, unknown>;
  }

  /** A required, non-blank string. */
  string(value: unknown, path: string): string | undefined {
    if (isMissing(value)) return this.missing(path);
    if (typeof value !== 'string')
      return this.wrongType(path, 'a string', value);
    if (value.trim() === '') return this.missing(path);
    return value;
  }

  /** A string that may be absent or empty. */
  optionalString(value: unknown, path: string): string | undefined {
    if (isMissing(value)) return undefined;
    if (typeof value !== 'string')
      return this.wrongType(path, 'a string', value);
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (isMissing(value)) return this.missing(path);
    if (typeof value !== 'boolean')
      return this.wrongType(path, 'true or false', value);
    return value;
  }

  integer(value: unknown, path: string): number | undefined {
    if (isMissing(value)) return this.missing(path);
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      return this.wrongType(path, 'a whole number', value);
    }
    return value;
  }

  /** One of a fixed set of strings; `explain` replaces the default message. */
  oneOf<T extends string>(
    value: unknown,
    path: string,
    allowed: readonly T[],
    options: { rule?: ValidationRuleId; explain?: string } = {},
  ): T | undefined {
    if (isMissing(value)) return this.missing(path);
    if (
      typeof value === 'string' &&
      (allowed as readonly string[]).includes(value)
    ) {
      return value as T;
    }
    const message =
      options.explain ??
      `${path} must be one of ${allowed.join(', ')}, got ${describeValue(
        value,
      )}`;
    this.problems.push(problem(path, options.rule ?? 'enum', message));
    return undefined;
  }

  list<T>(
    value: unknown,
    path: string,
    readItem: (item: unknown, itemPath: string) => T | undefined,
  ): Items<T> | undefined {
    if (isMissing(value)) return this.missing(path);
    if (!Array.isArray(value)) return this.wrongType(path, 'a list', value);
    return value.map((item: unknown, index) =>
      readItem(item, indexPath(path, index)),
    );
  }

  stringList(value: unknown, path: string): Items<string> | undefined {
    return this.list(value, path, (item, itemPath) =>
      this.string(item, itemPath),
    );
  }

  /** Tags and labels: entries whose value is not a string are reported and dropped. */
  stringMap(value: unknown, path: string): Record<string, string> | undefined {
    const entries = this.object(value, path);
    if (!entries) return undefined;
    const kept = Object.entries(entries).filter(
      (entry): entry is [string, string] => {
        const [key, entryValue] = entry;
        if (typeof entryValue === 'string') return true;
        this.wrongType(entryPath(path, key), 'a string', entryValue);
        return false;
      },
    );
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(kept);
  }
}
