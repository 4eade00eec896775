import {
  GetRolePolicyResponse,
  ListAttachedRolePoliciesResponse,
  ListRolePoliciesResponse,
} from '@aws-sdk/client-iam';
import { AwsError } from '../../core/types';
import { asXmlFields, IamHandler } from './handlerTypes';
import { roleChanged, StoredRole } from './iamStore';
import { pageByMarker } from './pagination';
import { checkPolicyDocument } from './policyDocument';
import { existingRole, requiredParam } from './roleChecks';
import { attachRolePolicy, encodePolicyDocument } from './roles';

function checkPolicyName(name: string): void {
  if (!/^[\w+=,.@-]{1,128}$/.test(name)) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${name}' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`,
    );
  }
}

function inlineDocument(stored: StoredRole, policyName: string): string {
  const document = stored.inlinePolicies.get(policyName);
  if (document === undefined) {
    throw new AwsError(
      'NoSuchEntity',
      `The role policy with name ${policyName} cannot be found.`,
      404,
    );
  }
  return document;
}

const attach: IamHandler = ({ params, accountId, context, store }) => {
  const roleName = requiredParam(params, 'RoleName');
  attachRolePolicy(
    context,
    accountId,
    roleName,
    requiredParam(params, 'PolicyArn'),
  );
  roleChanged(context, existingRole(store, roleName));
  return {};
};

const detach: IamHandler = ({ params, store }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  const policyArn = requiredParam(params, 'PolicyArn');
  if (!stored.attachedPolicyArns.includes(policyArn)) {
    throw new AwsError(
      'NoSuchEntity',
      `Policy ${policyArn} was not found.`,
      404,
    );
  }
  stored.attachedPolicyArns = stored.attachedPolicyArns.filter(
    arn => arn !== policyArn,
  );
  return {};
};

const listAttached: IamHandler = ({ params, store }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  const policies = stored.attachedPolicyArns.map(arn => ({
    PolicyName: arn.split('/').pop(),
    PolicyArn: arn,
  }));
  const page = pageByMarker(
    policies,
    params.get('Marker'),
    params.get('MaxItems'),
  );
  const result: ListAttachedRolePoliciesResponse = {
    AttachedPolicies: page.items,
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
  return asXmlFields(result);
};

const putInline: IamHandler = ({ params, store, context }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  const policyName = requiredParam(params, 'PolicyName');
  const document = requiredParam(params, 'PolicyDocument');
  checkPolicyName(policyName);
  checkPolicyDocument(document, 'permissions');
  stored.inlinePolicies.set(policyName, document);
  roleChanged(context, stored);
  return {};
};

const getInline: IamHandler = ({ params, store }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  const policyName = requiredParam(params, 'PolicyName');
  const result: GetRolePolicyResponse = {
    RoleName: stored.role.RoleName,
    PolicyName: policyName,
    PolicyDocument: encodePolicyDocument(inlineDocument(stored, policyName)),
  };
  return asXmlFields(result);
};

const deleteInline: IamHandler = ({ params, store }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  const policyName = requiredParam(params, 'PolicyName');
  inlineDocument(stored, policyName);
  stored.inlinePolicies.delete(policyName);
  return {};
};

const listInline: IamHandler = ({ params, store }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  const page = pageByMarker(
    [...stored.inlinePolicies.keys()],
    params.get('Marker'),
    params.get('MaxItems'),
  );
  const result: ListRolePoliciesResponse = {
    PolicyNames: page.items,
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
  return asXmlFields(result);
};

export const POLICY_HANDLERS: Record<string, IamHandler> = {
  AttachRolePolicy: attach,
  DetachRolePolicy: detach,
  ListAttachedRolePolicies: listAttached,
  PutRolePolicy: putInline,
  GetRolePolicy: getInline,
  DeleteRolePolicy: deleteInline,
  ListRolePolicies: listInline,
};
