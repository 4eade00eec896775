/**
 * Prometheus series selectors taken from catalog annotations. Only
 * `metric{label op "value", …}` is accepted and the selector is re-written from its
 * parsed parts, so an annotation can never smuggle other PromQL into a query.
 */

export type MatchOperator = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  label: string;
  op: MatchOperator;
  value: string;
}

export interface SeriesSelector {
  metric: string;
  matchers: LabelMatcher[];
}

export type SelectorParseResult =
  | { ok: true; selector: SeriesSelector }
  | { ok: false; message: string };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const MATCHER =
  /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"([^"\\\n\r]*)"\s*$/;
const MAX_SELECTOR_LENGTH = 1000;

/** Parses `metric{label="v", code=~"5.."}`; braces are optional. */
export function parseSeriesSelector(text: string): SelectorParseResult {
  const trimmed = text.trim();
  if (trimmed.length === 0) {
    return { ok: false, message: 'is empty' };
  }
  if (trimmed.length > MAX_SELECTOR_LENGTH) {
    return {
      ok: false,
      message: `is longer than ${MAX_SELECTOR_LENGTH} characters`,
    };
  }
  const brace = trimmed.indexOf('{');
  const metric = brace === -1 ? trimmed : trimmed.slice(0, brace).trim();
  if (!METRIC_NAME.test(metric)) {
    return {
      ok: false,
      message: `must start with a metric name (letters, digits, _ and :), got "${metric}"`,
    };
  }
  if (brace === -1) {
    return { ok: true, selector: { metric, matchers: [] } };
  }
  if (!trimmed.endsWith('}')) {
    return { ok: false, message: 'must end with "}"' };
  }
  const body = trimmed.slice(brace + 1, -1);
  const matchers: LabelMatcher[] = [];
  for (const part of splitMatchers(body)) {
    if (part.trim().length === 0) continue;
    const match = MATCHER.exec(part);
    if (!match) {
      return {
        ok: false,
        message: `has an invalid matcher "${part.trim()}": expected label="value", label!="value", label=~"regex" or label!~"regex"`,
      };
    }
    const [, label, op, value] = match;
    if (op === '=~' || op === '!~') {
      try {
        // eslint-disable-next-line no-new
        new RegExp(`^(?:${value})$`);
      } catch {
        return {
          ok: false,
          message: `has an invalid regular expression "${value}" for label ${label}`,
        };
      }
    }
    matchers.push({ label, op: op as MatchOperator, value });
  }
  return { ok: true, selector: { metric, matchers } };
}

/** Splits on commas outside double quotes. */
function splitMatchers(body: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of body) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** Canonical text of a selector: `metric{a="x",b=~"y"}`. */
export function formatSeriesSelector(selector: SeriesSelector): string {
  const matchers = selector.matchers
    .map(m => `${m.label}${m.op}"${m.value}"`)
    .join(',');
  return `${selector.metric}{${matchers}}`;
}
