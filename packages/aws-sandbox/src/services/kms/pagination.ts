import { AwsError } from '../../core/types';

/** KMS's Limit/Marker paging, answered with NextMarker and Truncated. */
export function pageByLimit<T>(
  items: T[],
  marker: unknown,
  limit: unknown,
): { items: T[]; NextMarker?: string; Truncated: boolean } {
  const size = limit === undefined ? 100 : Number(limit);
  if (!Number.isInteger(size) || size < 1 || size > 1000) {
    throw new AwsError(
      'ValidationException',
      `1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  const start =
    marker === undefined
      ? 0
      : Number(Buffer.from(String(marker), 'base64').toString());
  if (!Number.isInteger(start) || start < 0) {
    throw new AwsError('InvalidMarkerException', 'Invalid marker.');
  }
  const end = start + size;
  const truncated = end < items.length;
  return {
    items: items.slice(start, end),
    NextMarker: truncated
      ? Buffer.from(String(end)).toString('base64')
      : undefined,
    Truncated: truncated,
  };
}
