/**
 * Parser of the few PromQL shapes the sandbox answers (see README.md). Anything else is
 * refused with a message naming the supported shapes, so a query that would silently
 * return nothing here fails loudly instead.
 */

export type MatchOperator = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  label: string;
  operator: MatchOperator;
  value: string;
}

export type RangeFunction =
  | 'increase'
  | 'rate'
  | 'avg_over_time'
  | 'sum_over_time'
  | 'count_over_time';

export interface RangeQuery {
  function: RangeFunction;
  metric: string;
  matchers: LabelMatcher[];
  rangeSeconds: number;
  /** Present for `sum(...)` and `sum by (...) (...)`; empty for a plain `sum`. */
  sumBy?: string[];
}

export const SUPPORTED_SHAPES = [
  'sum(increase(http_requests_total{<matchers>}[<range>]))',
  'sum(rate(http_requests_total{<matchers>}[<range>]))',
  'sum by (<labels>) (increase|rate(http_requests_total{<matchers>}[<range>]))',
  'avg_over_time|sum_over_time|count_over_time(probe_success{<matchers>}[<range>])',
];

export class UnsupportedQueryError extends Error {}

const RANGE_FUNCTIONS: RangeFunction[] = [
  'increase',
  'rate',
  'avg_over_time',
  'sum_over_time',
  'count_over_time',
];
const COUNTER_FUNCTIONS: RangeFunction[] = ['increase', 'rate'];
const DURATION_UNITS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31536000,
};

/** A Prometheus duration such as 5m, 1h30m or 30d, in seconds; undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const part = /(\d+)(ms|s|m|h|d|w|y)/y;
  let seconds = 0;
  let index = 0;
  while (index < text.length) {
    part.lastIndex = index;
    const match = part.exec(text);
    if (!match) return undefined;
    seconds += Number(match[1]) * DURATION_UNITS[match[2]];
    index = part.lastIndex;
  }
  return index > 0 ? seconds : undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t' };

class Cursor {
  private index = 0;
  constructor(private readonly text: string) {}

  private skipSpace() {
    while (/\s/.test(this.text[this.index] ?? '')) this.index += 1;
  }

  fail(expected: string): never {
    const found =
      this.text.slice(this.index, this.index + 20) || 'end of input';
    throw new UnsupportedQueryError(
      `expected ${expected} at character ${
        this.index + 1
      }, found "${found}"; aws-sandbox supports only: ${SUPPORTED_SHAPES.join(
        ' ; ',
      )}`,
    );
  }

  peekWord(): string | undefined {
    this.skipSpace();
    return /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(this.text.slice(this.index))?.[0];
  }

  word(expected: string): string {
    const word = this.peekWord();
    if (!word) this.fail(expected);
    this.index += word.length;
    return word;
  }

  tryPunctuation(symbol: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(symbol, this.index)) return false;
    this.index += symbol.length;
    return true;
  }

  punctuation(symbol: string) {
    if (!this.tryPunctuation(symbol)) this.fail(`"${symbol}"`);
  }

  operator(): MatchOperator {
    this.skipSpace();
    for (const op of ['=~', '!~', '!=', '='] as const) {
      if (this.text.startsWith(op, this.index)) {
        this.index += op.length;
        return op;
      }
    }
    return this.fail('a label matcher operator (=, !=, =~, !~)');
  }

  quoted(): string {
    this.skipSpace();
    const quote = this.text[this.index];
    if (quote !== '"' && quote !== "'") this.fail('a quoted label value');
    let value = '';
    for (let i = this.index + 1; i < this.text.length; i += 1) {
      const char = this.text[i];
      if (char === quote) {
        this.index = i + 1;
        return value;
      }
      if (char === '\\') {
        i += 1;
        const escaped = this.text[i];
        value += ESCAPES[escaped] ?? escaped;
      } else {
        value += char;
      }
    }
    return this.fail('a closing quote');
  }

  until(symbol: string): string {
    const end = this.text.indexOf(symbol, this.index);
    if (end === -1) this.fail(`"${symbol}"`);
    const raw = this.text.slice(this.index, end);
    this.index = end + symbol.length;
    return raw.trim();
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.index >= this.text.length;
  }
}

function parseByClause(cursor: Cursor): string[] {
  cursor.punctuation('(');
  const labels: string[] = [];
  if (cursor.tryPunctuation(')')) return labels;
  do {
    labels.push(cursor.word('a label name'));
  } while (cursor.tryPunctuation(','));
  cursor.punctuation(')');
  return labels;
}

function parseMatchers(cursor: Cursor): LabelMatcher[] {
  const matchers: LabelMatcher[] = [];
  if (!cursor.tryPunctuation('{')) return matchers;
  if (cursor.tryPunctuation('}')) return matchers;
  do {
    if (cursor.tryPunctuation('}')) return matchers;
    const label = cursor.word('a label name');
    const operator = cursor.operator();
    const value = cursor.quoted();
    if (operator === '=~' || operator === '!~') {
      try {
        RegExp(value);
      } catch {
        throw new UnsupportedQueryError(
          `invalid regular expression in matcher ${label}${operator}"${value}"`,
        );
      }
    }
    matchers.push({ label, operator, value });
  } while (cursor.tryPunctuation(','));
  cursor.punctuation('}');
  return matchers;
}

function parseRangeCall(cursor: Cursor): Omit<RangeQuery, 'sumBy'> {
  const name = cursor.word('a function name');
  const fn = RANGE_FUNCTIONS.find(candidate => candidate === name);
  if (!fn) cursor.fail(`one of ${RANGE_FUNCTIONS.join(', ')} (got ${name})`);
  cursor.punctuation('(');
  const metric = cursor.word('a metric name');
  const expectedMetric = COUNTER_FUNCTIONS.includes(fn)
    ? 'http_requests_total'
    : 'probe_success';
  if (metric !== expectedMetric) {
    throw new UnsupportedQueryError(
      `${fn}() is supported on ${expectedMetric} only, got ${metric}; aws-sandbox supports only: ${SUPPORTED_SHAPES.join(
        ' ; ',
      )}`,
    );
  }
  const matchers = parseMatchers(cursor);
  cursor.punctuation('[');
  const rawRange = cursor.until(']');
  const rangeSeconds = parseDuration(rawRange);
  if (!rangeSeconds)
    cursor.fail(`a range duration such as 5m or 30d (got "${rawRange}")`);
  cursor.punctuation(')');
  return { function: fn, metric, matchers, rangeSeconds };
}

export function parseQuery(query: string): RangeQuery {
  const cursor = new Cursor(query);
  if (cursor.atEnd()) {
    throw new UnsupportedQueryError('no expression found in input');
  }
  let result: RangeQuery;
  if (cursor.peekWord() === 'sum') {
    cursor.word('sum');
    let sumBy: string[] = [];
    if (cursor.peekWord() === 'by') {
      cursor.word('by');
      sumBy = parseByClause(cursor);
    }
    cursor.punctuation('(');
    const inner = parseRangeCall(cursor);
    cursor.punctuation(')');
    if (cursor.peekWord() === 'by' && sumBy.length === 0) {
      cursor.word('by');
      sumBy = parseByClause(cursor);
    }
    if (!COUNTER_FUNCTIONS.includes(inner.function)) {
      cursor.fail(`increase() or rate() inside sum() (got ${inner.function})`);
    }
    result = { ...inner, sumBy };
  } else {
    result = parseRangeCall(cursor);
    if (COUNTER_FUNCTIONS.includes(result.function)) {
      cursor.fail(`sum(...) around ${result.function}()`);
    }
  }
  if (!cursor.atEnd()) cursor.fail('end of query');
  return result;
}
