import { formatSeriesSelector, parseSeriesSelector } from './selector';

describe('parseSeriesSelector', () => {
  it('parses matchers of the four operators and writes them back canonically', () => {
    const parsed = parseSeriesSelector(
      ' http_requests_total{ cluster="dpj-prod-cluster", code=~"5..", service!="x", job!~"a|b" } ',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.selector.matchers).toHaveLength(4);
    expect(formatSeriesSelector(parsed.selector)).toBe(
      'http_requests_total{cluster="dpj-prod-cluster",code=~"5..",service!="x",job!~"a|b"}',
    );
  });

  it('accepts a bare metric name and a comma inside a value', () => {
    const bare = parseSeriesSelector('probe_success');
    expect(bare.ok && formatSeriesSelector(bare.selector)).toBe(
      'probe_success{}',
    );
    const comma = parseSeriesSelector('m{a=~"x,y"}');
    expect(comma.ok && comma.selector.matchers[0].value).toBe('x,y');
  });

  it.each([
    ['', 'is empty'],
    ['sum(rate(http_requests_total[5m]))', 'must start with a metric name'],
    ['http_requests_total{code="500"}) or vector(1', 'must end with "}"'],
    ['http_requests_total{code="500"} or vector(1)', 'must end with "}"'],
    ['m{code=500}', 'invalid matcher "code=500"'],
    ['m{code="5\\"00"}', 'invalid matcher'],
    ['m{code=~"(5"}', 'invalid regular expression "(5"'],
    ['m{code="500"}[5m]', 'must end with "}"'],
  ])('refuses %j (%s)', (text, message) => {
    const parsed = parseSeriesSelector(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toContain(message);
  });
});
