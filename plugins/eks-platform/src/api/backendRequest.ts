import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** What every client of the eks-platform backend needs. */
export interface BackendClientOptions {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
}

/**
 * GETs a JSON document from the eks-platform backend as the signed-in user; path segments
 * are URL-encoded here so callers pass raw entity names.
 */
export async function getFromBackend<T>(
  { discoveryApi, fetchApi }: BackendClientOptions,
  segments: string[],
  query?: Record<string, string>,
): Promise<T> {
  const baseUrl = await discoveryApi.getBaseUrl('eks-platform');
  const path = segments.map(encodeURIComponent).join('/');
  const search = query ? `?${new URLSearchParams(query)}` : '';
  const response = await fetchApi.fetch(`${baseUrl}/${path}${search}`);
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as T;
}

/** POSTs a JSON body to the eks-platform backend as the signed-in user. */
export async function postToBackend<T>(
  { discoveryApi, fetchApi }: BackendClientOptions,
  segments: string[],
  body: unknown,
  query?: Record<string, string>,
): Promise<T> {
  const baseUrl = await discoveryApi.getBaseUrl('eks-platform');
  const path = segments.map(encodeURIComponent).join('/');
  const search = query ? `?${new URLSearchParams(query)}` : '';
  const response = await fetchApi.fetch(`${baseUrl}/${path}${search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as T;
}
