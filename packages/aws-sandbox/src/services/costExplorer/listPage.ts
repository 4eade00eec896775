/** Paging of the plain value lists of GetDimensionValues and GetTags. */
import { decodePageToken, encodePageToken } from './pagination';
import { validationError } from './validationError';

/** Values per page when the request sets no MaxResults. */
const DEFAULT_LIST_PAGE_SIZE = 1000;

export interface ListRequest {
  SearchString?: string;
  MaxResults?: number;
  NextPageToken?: string;
}

/** Keeps the values containing SearchString (any case), sorted, one page of them. */
export function listPage<T>(
  request: ListRequest,
  values: T[],
  text: (value: T) => string,
): { page: T[]; totalSize: number; nextPageToken?: string } {
  const search = request.SearchString?.toLowerCase();
  const matching = values
    .filter(value => !search || text(value).toLowerCase().includes(search))
    .sort((a, b) => text(a).localeCompare(text(b)));
  const size = request.MaxResults ?? DEFAULT_LIST_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1) {
    throw validationError('MaxResults must be a positive integer');
  }
  const offset = decodePageToken(request);
  const next = offset + size;
  return {
    page: matching.slice(offset, next),
    totalSize: matching.length,
    ...(next < matching.length
      ? { nextPageToken: encodePageToken(request, next) }
      : {}),
  };
}
