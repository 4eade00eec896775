import { AwsError, AwsService } from '../../core/types';
import {
  memberError,
  memberResult,
  queryOperation,
} from '../../protocols/query';
import { IamHandler } from './handlerTypes';
import { iamStoreOf } from './iamStore';
import { POLICY_HANDLERS } from './policyHandlers';
import { ROLE_HANDLERS } from './roleHandlers';

export { actionMatches, roleAsSeenBy, iamStoreOf } from './iamStore';
export type { RoleAsSeen } from './iamStore';
export { createRole, attachRolePolicy } from './roles';

const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

const HANDLERS: Record<string, IamHandler> = {
  ...ROLE_HANDLERS,
  ...POLICY_HANDLERS,
};

/** IAM (global, query protocol): roles, their managed and inline policies, their tags. */
export const iamService: AwsService = {
  signingName: 'iam',
  throttlingCode: 'Throttling',
  operationOf: queryOperation,
  handle(request, operation, context) {
    const handler = HANDLERS[operation];
    if (!handler) {
      throw new AwsError(
        'InvalidAction',
        `Could not find operation ${operation} for version 2010-05-08`,
      );
    }
    const fields = handler({
      params: new URLSearchParams(request.body),
      store: iamStoreOf(context, request.accountId),
      accountId: request.accountId,
      context,
    });
    return memberResult(operation, NAMESPACE, fields);
  },
  renderError: error => memberError(error, NAMESPACE),
};
