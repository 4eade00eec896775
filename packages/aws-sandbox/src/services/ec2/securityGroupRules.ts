/** Security group rules: stored one per peer, shown grouped as IpPermissions like AWS does. */

import {
  AuthorizeSecurityGroupEgressRequest,
  AuthorizeSecurityGroupEgressResult,
  AuthorizeSecurityGroupIngressRequest,
  AuthorizeSecurityGroupIngressResult,
  IpPermission,
  RevokeSecurityGroupEgressRequest,
  RevokeSecurityGroupEgressResult,
  RevokeSecurityGroupIngressRequest,
  RevokeSecurityGroupIngressResult,
  SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { missingParameter, securityGroupNotFound } from './errors';
import { Ec2Call, SecurityGroupRecord, SecurityGroupRuleRecord } from './store';

type RuleShape = Omit<SecurityGroupRuleRecord, 'id' | 'description'>;

const sameRule = (a: RuleShape, b: RuleShape) =>
  a.isEgress === b.isEgress &&
  a.ipProtocol === b.ipProtocol &&
  a.fromPort === b.fromPort &&
  a.toPort === b.toPort &&
  a.cidrIpv4 === b.cidrIpv4 &&
  a.referencedGroupId === b.referencedGroupId;

export function permissionsOf(
  call: Ec2Call,
  record: SecurityGroupRecord,
  egress: boolean,
): IpPermission[] {
  const permissions = new Map<string, IpPermission>();
  for (const rule of record.rules.filter(r => r.isEgress === egress)) {
    const key = `${rule.ipProtocol}/${rule.fromPort}/${rule.toPort}`;
    let permission = permissions.get(key);
    if (!permission) {
      permission = {
        IpProtocol: rule.ipProtocol,
        FromPort: rule.ipProtocol === '-1' ? undefined : rule.fromPort,
        ToPort: rule.ipProtocol === '-1' ? undefined : rule.toPort,
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      };
      permissions.set(key, permission);
    }
    if (rule.cidrIpv4) {
      permission.IpRanges!.push({
        CidrIp: rule.cidrIpv4,
        Description: rule.description,
      });
    }
    if (rule.referencedGroupId) {
      permission.UserIdGroupPairs!.push({
        GroupId: rule.referencedGroupId,
        UserId: call.accountId,
        Description: rule.description,
      });
    }
  }
  return [...permissions.values()];
}

export function requireGroup(
  call: Ec2Call,
  groupId?: string,
  groupName?: string,
) {
  const record = groupId
    ? call.store.securityGroups.get(groupId)
    : [...call.store.securityGroups.values()].find(
        sg => sg.groupName === groupName,
      );
  if (!groupId && !groupName) throw missingParameter('groupId');
  if (!record) throw securityGroupNotFound(groupId ?? groupName ?? '');
  return record;
}

/** One rule per (permission, peer), as the SDK's IpPermissions list them. */
function rulesOf(
  call: Ec2Call,
  permissions: IpPermission[] | undefined,
  isEgress: boolean,
) {
  return (permissions ?? []).flatMap(permission => {
    const protocol = (permission.IpProtocol ?? '-1').toLowerCase();
    const base = {
      isEgress,
      ipProtocol: protocol,
      fromPort: protocol === '-1' ? undefined : permission.FromPort,
      toPort: protocol === '-1' ? undefined : permission.ToPort,
    };
    return [
      ...(permission.IpRanges ?? []).map(range => ({
        ...base,
        cidrIpv4: range.CidrIp,
        description: range.Description,
      })),
      ...(permission.UserIdGroupPairs ?? []).map(pair => {
        if (!pair.GroupId || !call.store.securityGroups.has(pair.GroupId)) {
          throw securityGroupNotFound(pair.GroupId ?? '');
        }
        return {
          ...base,
          referencedGroupId: pair.GroupId,
          description: pair.Description,
        };
      }),
    ];
  });
}

function describeRule(
  call: Ec2Call,
  record: SecurityGroupRecord,
  rule: SecurityGroupRuleRecord,
): SecurityGroupRule {
  return {
    SecurityGroupRuleId: rule.id,
    GroupId: record.groupId,
    GroupOwnerId: call.accountId,
    IsEgress: rule.isEgress,
    IpProtocol: rule.ipProtocol,
    FromPort: rule.fromPort ?? -1,
    ToPort: rule.toPort ?? -1,
    CidrIpv4: rule.cidrIpv4,
    ReferencedGroupInfo: rule.referencedGroupId
      ? { GroupId: rule.referencedGroupId, UserId: call.accountId }
      : undefined,
    Description: rule.description,
  };
}

function peerText(rule: RuleShape): string {
  const protocol =
    rule.ipProtocol === '-1' ? 'ALL' : rule.ipProtocol.toUpperCase();
  const ports =
    rule.ipProtocol === '-1'
      ? ''
      : `, from port: ${rule.fromPort}, to port: ${rule.toPort}`;
  return `peer: ${
    rule.cidrIpv4 ?? rule.referencedGroupId
  }, ${protocol}${ports}, ALLOW`;
}

type AuthorizeInput = AuthorizeSecurityGroupIngressRequest &
  AuthorizeSecurityGroupEgressRequest;
type AuthorizeOutput = AuthorizeSecurityGroupIngressResult &
  AuthorizeSecurityGroupEgressResult;
type RevokeInput = RevokeSecurityGroupIngressRequest &
  RevokeSecurityGroupEgressRequest;
type RevokeOutput = RevokeSecurityGroupIngressResult &
  RevokeSecurityGroupEgressResult;

export function authorize(isEgress: boolean) {
  return (input: AuthorizeInput, call: Ec2Call): AuthorizeOutput => {
    const record = requireGroup(call, input.GroupId, input.GroupName);
    const added = rulesOf(call, input.IpPermissions, isEgress).map(rule => {
      if (record.rules.some(existing => sameRule(existing, rule))) {
        throw new AwsError(
          'InvalidPermission.Duplicate',
          `the specified rule "${peerText(rule)}" already exists`,
        );
      }
      return { id: call.context.state.nextId('sgr'), ...rule };
    });
    record.rules.push(...added);
    return {
      Return: true,
      SecurityGroupRules: added.map(r => describeRule(call, record, r)),
    };
  };
}

export function revoke(isEgress: boolean) {
  return (input: RevokeInput, call: Ec2Call): RevokeOutput => {
    const record = requireGroup(call, input.GroupId, input.GroupName);
    for (const rule of rulesOf(call, input.IpPermissions, isEgress)) {
      const index = record.rules.findIndex(existing =>
        sameRule(existing, rule),
      );
      if (index < 0) {
        throw new AwsError(
          'InvalidPermission.NotFound',
          'The specified rule does not exist in this security group.',
        );
      }
      record.rules.splice(index, 1);
    }
    return { Return: true };
  };
}
