import { AWS_DURATIONS } from '../../core/clock';
import { CreateRoleRequest, Role } from '@aws-sdk/client-iam';
import { AwsError, SandboxContext } from '../../core/types';
import { iamStoreOf, StoredRole } from './iamStore';
import { findManagedPolicy } from './managedPolicies';
import { checkPath, checkRoleName, existingRole } from './roleChecks';
import { checkPolicyDocument } from './policyDocument';

const MAX_TAGS_PER_ROLE = 50;
const MAX_MANAGED_POLICIES_PER_ROLE = 10;

/** IAM returns policy documents URL-encoded (RFC 3986); callers decode them. */
export function encodePolicyDocument(document: string): string {
  return encodeURIComponent(document);
}

export function tagList(
  tags: Map<string, string>,
): { Key: string; Value: string }[] {
  return [...tags].map(([Key, Value]) => ({ Key, Value }));
}

export function checkTagCount(tags: Map<string, string>): void {
  if (tags.size > MAX_TAGS_PER_ROLE) {
    throw new AwsError(
      'LimitExceeded',
      `Cannot exceed quota for TagsPerRole: ${MAX_TAGS_PER_ROLE}`,
      409,
    );
  }
}

/** Role as GetRole returns it: tags included, trust policy URL-encoded. */
export function describeRole(stored: StoredRole, withTags: boolean): Role {
  const tags = tagList(stored.tags);
  return {
    ...stored.role,
    Tags: withTags && tags.length > 0 ? tags : undefined,
  };
}

/** Creates a role in `accountId`; used by CreateRole and by seeding. */
export function createRole(
  context: SandboxContext,
  accountId: string,
  input: CreateRoleRequest,
  createdAt: Date,
): StoredRole {
  const name = input.RoleName ?? '';
  const path = input.Path ?? '/';
  const document = input.AssumeRolePolicyDocument ?? '';
  checkRoleName(name);
  checkPath(path);
  checkPolicyDocument(document, 'trust');
  const store = iamStoreOf(context, accountId);
  if (store.find(name)) {
    throw new AwsError(
      'EntityAlreadyExists',
      `Role with name ${name} already exists.`,
      409,
    );
  }
  const tags = new Map(
    (input.Tags ?? []).map(tag => [tag.Key ?? '', tag.Value ?? '']),
  );
  checkTagCount(tags);
  const hexId = context.state.nextId('role').split('-')[1].toUpperCase();
  const stored: StoredRole = {
    role: {
      Path: path,
      RoleName: name,
      RoleId: `AROA${hexId}`,
      Arn: `arn:aws:iam::${accountId}:role${path}${name}`,
      CreateDate: createdAt,
      AssumeRolePolicyDocument: encodePolicyDocument(document),
      Description: input.Description,
      MaxSessionDuration: input.MaxSessionDuration ?? 3600,
    },
    tags,
    attachedPolicyArns: [],
    inlinePolicies: new Map(),
    settlesAtMs:
      createdAt.getTime() +
      context.clock.scaledMillis(AWS_DURATIONS.iamPropagation),
  };
  store.add(stored);
  return stored;
}

/** Attaches an AWS managed policy; used by AttachRolePolicy and by seeding. */
export function attachRolePolicy(
  context: SandboxContext,
  accountId: string,
  roleName: string,
  policyArn: string,
): void {
  const stored = existingRole(iamStoreOf(context, accountId), roleName);
  if (!findManagedPolicy(policyArn)) {
    throw new AwsError(
      'NoSuchEntity',
      `Policy ${policyArn} does not exist or is not attachable.`,
      404,
    );
  }
  if (stored.attachedPolicyArns.includes(policyArn)) return;
  if (stored.attachedPolicyArns.length >= MAX_MANAGED_POLICIES_PER_ROLE) {
    throw new AwsError(
      'LimitExceeded',
      `Cannot exceed quota for PoliciesPerRole: ${MAX_MANAGED_POLICIES_PER_ROLE}`,
      409,
    );
  }
  stored.attachedPolicyArns.push(policyArn);
}
