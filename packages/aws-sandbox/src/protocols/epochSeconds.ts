/**
 * AWS JSON protocols send timestamps as epoch seconds. `JSON.stringify` turns a Date into
 * an ISO string before any replacer sees it, which the SDK refuses, so dates are converted
 * here before serialisation.
 */
export function withEpochSeconds(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(withEpochSeconds);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [
        key,
        withEpochSeconds(field),
      ]),
    );
  }
  return value;
}
