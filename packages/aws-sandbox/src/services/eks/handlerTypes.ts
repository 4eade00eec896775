import { SandboxContext } from '../../core/types';
import { EksDependencies } from './deps';
import { EksStore } from './eksStore';

export interface EksCall {
  /** Path parameters, already URL-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown>;
  store: EksStore;
  accountId: string;
  region: string;
  context: SandboxContext;
  deps: Required<EksDependencies>;
}

/** Returns the response object; dates are sent as epoch seconds by the service. */
export type EksHandler = (call: EksCall) => object;

/** The request body as the SDK serialised it for this operation. */
export function requestOf<T>(call: EksCall): T {
  return call.body as unknown as T;
}
