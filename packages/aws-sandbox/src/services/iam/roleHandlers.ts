import {
  CreateRoleResponse,
  GetRoleResponse,
  ListRolesResponse,
  ListRoleTagsResponse,
  Tag,
} from '@aws-sdk/client-iam';
import { AwsError } from '../../core/types';
import { readList, readTags } from '../../protocols/queryParams';
import { asXmlFields, IamHandler } from './handlerTypes';
import { roleChanged } from './iamStore';
import { pageByMarker } from './pagination';
import { checkPolicyDocument } from './policyDocument';
import { existingRole, requiredParam } from './roleChecks';
import {
  checkTagCount,
  createRole,
  describeRole,
  encodePolicyDocument,
  tagList,
} from './roles';

const createRoleHandler: IamHandler = ({ params, accountId, context }) => {
  const tags: Tag[] = Object.entries(readTags(params, 'Tags.member')).map(
    ([Key, Value]) => ({ Key, Value }),
  );
  const maxSession = params.get('MaxSessionDuration');
  const stored = createRole(
    context,
    accountId,
    {
      RoleName: requiredParam(params, 'RoleName'),
      AssumeRolePolicyDocument: requiredParam(
        params,
        'AssumeRolePolicyDocument',
      ),
      Path: params.get('Path') ?? undefined,
      Description: params.get('Description') ?? undefined,
      MaxSessionDuration: maxSession === null ? undefined : Number(maxSession),
      Tags: tags,
    },
    context.clock.now(),
  );
  const result: CreateRoleResponse = { Role: describeRole(stored, true) };
  return asXmlFields(result);
};

const getRole: IamHandler = ({ params, store }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  const result: GetRoleResponse = { Role: describeRole(stored, true) };
  return asXmlFields(result);
};

const deleteRole: IamHandler = ({ params, store }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  if (stored.attachedPolicyArns.length > 0) {
    throw new AwsError(
      'DeleteConflict',
      'Cannot delete entity, must detach all policies first.',
      409,
    );
  }
  if (stored.inlinePolicies.size > 0) {
    throw new AwsError(
      'DeleteConflict',
      'Cannot delete entity, must delete policies first.',
      409,
    );
  }
  store.remove(stored.role.RoleName ?? '');
  return {};
};

const listRoles: IamHandler = ({ params, store }) => {
  const prefix = params.get('PathPrefix') ?? '/';
  const roles = [...store.roles.values()]
    .filter(stored => (stored.role.Path ?? '/').startsWith(prefix))
    .map(stored => describeRole(stored, false));
  const page = pageByMarker(
    roles,
    params.get('Marker'),
    params.get('MaxItems'),
  );
  const result: ListRolesResponse = {
    Roles: page.items,
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
  return asXmlFields(result);
};

/**
 * Replaces a role's trust policy, checked as CreateRole checks it: NoSuchEntity for an
 * unknown role, MalformedPolicyDocument for a document IAM would refuse
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html).
 */
const updateAssumeRolePolicy: IamHandler = ({ params, store, context }) => {
  const roleName = requiredParam(params, 'RoleName');
  const document = requiredParam(params, 'PolicyDocument');
  const stored = existingRole(store, roleName);
  checkPolicyDocument(document, 'trust');
  stored.role.AssumeRolePolicyDocument = encodePolicyDocument(document);
  roleChanged(context, stored);
  return {};
};

const tagRole: IamHandler = ({ params, store }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  const merged = new Map([
    ...stored.tags,
    ...Object.entries(readTags(params, 'Tags.member')),
  ]);
  checkTagCount(merged);
  stored.tags = merged;
  return {};
};

const untagRole: IamHandler = ({ params, store }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  for (const key of readList(params, 'TagKeys')) stored.tags.delete(key);
  return {};
};

const listRoleTags: IamHandler = ({ params, store }) => {
  const stored = existingRole(store, requiredParam(params, 'RoleName'));
  const page = pageByMarker(
    tagList(stored.tags),
    params.get('Marker'),
    params.get('MaxItems'),
  );
  const result: ListRoleTagsResponse = {
    Tags: page.items,
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
  return asXmlFields(result);
};

export const ROLE_HANDLERS: Record<string, IamHandler> = {
  CreateRole: createRoleHandler,
  GetRole: getRole,
  DeleteRole: deleteRole,
  ListRoles: listRoles,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  TagRole: tagRole,
  UntagRole: untagRole,
  ListRoleTags: listRoleTags,
};
