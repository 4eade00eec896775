import { AwsError, SandboxContext } from '../../core/types';
import { KmsStore } from './kmsStore';

export interface KmsCall {
  input: Record<string, unknown>;
  store: KmsStore;
  accountId: string;
  region: string;
  context: SandboxContext;
}

/** Returns the response object; dates are serialised as epoch seconds by the service. */
export type KmsHandler = (call: KmsCall) => object;

/** KMS's wording for a parameter that breaks a model constraint. */
export function validationError(
  field: string,
  value: unknown,
  constraint: string,
): AwsError {
  return new AwsError(
    'ValidationException',
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}
