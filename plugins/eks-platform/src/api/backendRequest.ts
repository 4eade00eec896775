import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** What every client of the eks-platform backend needs. */
export interface BackendClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/**
 * Calls the eks-platform backend as the signed-in user and reads its JSON answer; path
 * segments are URL-encoded here so callers pass raw entity names.
 */
async function requestBackend<T>(
  { discoveryApi, fetchApi }: BackendClientOptions,
  segments: string[],
  query: Record<string, string> | undefined,
  init?: RequestInit,
): Promise<T> {
  const baseUrl = await discoveryApi.getBaseUrl('eks-platform');
  const path = segments.map(encodeURIComponent).join('/');
  const search = query ? `?${new URLSearchParams(query)}` : '';
  const url = `${baseUrl}/${path}${search}`;
  const response = await (init
    ? fetchApi.fetch(url, init)
    : fetchApi.fetch(url));
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as T;
}

/** GETs a JSON document from the eks-platform backend. */
export function getFromBackend<T>(
  options: BackendClientOptions,
  segments: string[],
  query?: Record<string, string>,
): Promise<T> {
  return requestBackend<T>(options, segments, query);
}

/** POSTs a JSON body to the eks-platform backend. */
export function postToBackend<T>(
  options: BackendClientOptions,
  segments: string[],
  body: unknown,
  query?: Record<string, string>,
): Promise<T> {
  return requestBackend<T>(options, segments, query, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}
