import { invalidParameter } from './eksErrors';

/** EKS's maxResults/nextToken paging; the token is opaque to callers (an encoded offset). */
export function pageByToken<T>(
  items: T[],
  query: URLSearchParams,
  maxAllowed = 100,
): { items: T[]; nextToken?: string } {
  const maxParam = query.get('maxResults');
  const max = maxParam === null ? maxAllowed : Number(maxParam);
  if (!Number.isInteger(max) || max < 1 || max > maxAllowed) {
    throw invalidParameter(`maxResults must be between 1 and ${maxAllowed}`);
  }
  const token = query.get('nextToken');
  const start =
    token === null ? 0 : Number(Buffer.from(token, 'base64').toString());
  if (!Number.isInteger(start) || start < 0) {
    throw invalidParameter('The nextToken provided is invalid');
  }
  const end = start + max;
  return {
    items: items.slice(start, end),
    nextToken:
      end < items.length
        ? Buffer.from(String(end)).toString('base64')
        : undefined,
  };
}
