import { AwsError, SandboxResponse, SignedRequest } from '../core/types';
import { withEpochSeconds } from './epochSeconds';

/** AWS JSON 1.1 (Cost Explorer): the operation is named by `X-Amz-Target`. */
export function awsJsonOperation(request: SignedRequest): string | undefined {
  const target = request.headers['x-amz-target'];
  const value = Array.isArray(target) ? target[0] : target;
  return value?.split('.').pop();
}

export function awsJsonResult(value: unknown): SandboxResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(withEpochSeconds(value)),
  };
}

export function awsJsonError(error: AwsError): SandboxResponse {
  return {
    status: error.status,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}
