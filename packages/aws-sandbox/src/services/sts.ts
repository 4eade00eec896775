import { GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import { AwsError, AwsService } from '../core/types';
import { memberError, memberResult, queryOperation } from '../protocols/query';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

type Identity = Required<Omit<GetCallerIdentityResponse, '$metadata'>>;

/** STS: GetCallerIdentity, answered for the account the access key belongs to. */
export const stsService: AwsService = {
  signingName: 'sts',
  throttlingCode: 'Throttling',
  operationOf: queryOperation,
  handle(request, operation) {
    if (operation !== 'GetCallerIdentity') {
      throw new AwsError(
        'InvalidAction',
        `Could not find operation ${operation} for version 2011-06-15`,
      );
    }
    const identity: Identity = {
      Arn: `arn:aws:iam::${request.accountId}:user/sandbox`,
      UserId: `AIDA${request.accountId}`,
      Account: request.accountId,
    };
    return memberResult(operation, NAMESPACE, identity);
  },
  renderError: error => memberError(error, NAMESPACE),
};
