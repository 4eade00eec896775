import { GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import {
  escapeXml,
  parseQueryBody,
  queryError,
  queryResult,
  SandboxResponse,
} from '../protocols/query';
import { SandboxRequest } from '../types';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';
const VERSION = '2011-06-15';

/** STS: GetCallerIdentity, answered for the account the access key belongs to. */
export function handleSts(request: SandboxRequest): SandboxResponse {
  const params = parseQueryBody(request.body);
  const action = params.get('Action') ?? '';
  if (action !== 'GetCallerIdentity') {
    return queryError(
      400,
      'InvalidAction',
      `Could not find operation ${action} for version ${VERSION}`,
      NAMESPACE,
    );
  }
  const identity: Required<Omit<GetCallerIdentityResponse, '$metadata'>> = {
    Account: request.accountId,
    Arn: `arn:aws:iam::${request.accountId}:user/sandbox`,
    UserId: `AIDA${request.accountId}`,
  };
  return queryResult(
    action,
    NAMESPACE,
    `<Arn>${escapeXml(identity.Arn)}</Arn><UserId>${escapeXml(
      identity.UserId,
    )}</UserId><Account>${escapeXml(identity.Account)}</Account>`,
  );
}
