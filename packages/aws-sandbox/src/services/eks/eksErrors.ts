import { AwsError } from '../../core/types';

export function invalidParameter(message: string): AwsError {
  return new AwsError('InvalidParameterException', message, 400);
}

export function invalidRequest(message: string): AwsError {
  return new AwsError('InvalidRequestException', message, 400);
}

export function resourceInUse(message: string): AwsError {
  return new AwsError('ResourceInUseException', message, 409);
}

export function resourceNotFound(message: string): AwsError {
  return new AwsError('ResourceNotFoundException', message, 404);
}

export function clusterNotFound(name: string): AwsError {
  return resourceNotFound(`No cluster found for name: ${name}.`);
}
