import { AwsError } from '../../core/types';

/** Cost Explorer's generic input error: HTTP 400, code ValidationException. */
export function validationError(message: string): AwsError {
  return new AwsError('ValidationException', message, 400);
}
