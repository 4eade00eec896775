import { AwsError } from '../../core/types';

export interface MarkerPage<T> {
  items: T[];
  IsTruncated: boolean;
  Marker?: string;
}

/** IAM's Marker/MaxItems paging; the marker is opaque to callers (an encoded offset here). */
export function pageByMarker<T>(
  items: T[],
  marker: string | null,
  maxItemsParam: string | null,
): MarkerPage<T> {
  const maxItems = maxItemsParam === null ? 100 : Number(maxItemsParam);
  if (!Number.isInteger(maxItems) || maxItems < 1 || maxItems > 1000) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${maxItemsParam}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
    );
  }
  const start =
    marker === null ? 0 : Number(Buffer.from(marker, 'base64').toString());
  if (!Number.isInteger(start) || start < 0) {
    throw new AwsError('ValidationError', 'Invalid Marker.');
  }
  const end = start + maxItems;
  const truncated = end < items.length;
  return {
    items: items.slice(start, end),
    IsTruncated: truncated,
    Marker: truncated ? Buffer.from(String(end)).toString('base64') : undefined,
  };
}
