import { AwsError, AwsService } from '../../core/types';
import {
  awsJsonError,
  awsJsonOperation,
  awsJsonResult,
} from '../../protocols/awsJson';
import { parseJsonBody } from '../../protocols/restJson';
import { ALIAS_HANDLERS } from './aliasHandlers';
import { KmsHandler } from './handlerTypes';
import { KEY_HANDLERS } from './keyHandlers';
import { kmsStoreOf, sweepDeletedKeys } from './kmsStore';

export { createKey } from './keys';
export { kmsStoreOf } from './kmsStore';

const HANDLERS: Record<string, KmsHandler> = {
  ...KEY_HANDLERS,
  ...ALIAS_HANDLERS,
};

/** KMS (JSON 1.1, `X-Amz-Target: TrentService.<Operation>`): symmetric keys and aliases. */
export const kmsService: AwsService = {
  signingName: 'kms',
  throttlingCode: 'ThrottlingException',
  operationOf: awsJsonOperation,
  handle(request, operation, context) {
    const handler = HANDLERS[operation];
    if (!handler) {
      throw new AwsError(
        'UnknownOperationException',
        `aws-sandbox does not emulate KMS ${operation}`,
      );
    }
    const store = kmsStoreOf(context, request.accountId, request.region);
    sweepDeletedKeys(store, context.clock.now());
    const result = handler({
      input: parseJsonBody(request.body),
      store,
      accountId: request.accountId,
      region: request.region,
      context,
    });
    return awsJsonResult(result);
  },
  renderError: error => awsJsonError(error),
};
