import {
  AuthorizeSecurityGroupEgress$,
  AuthorizeSecurityGroupIngress$,
  CreateSecurityGroup$,
  CreateSecurityGroupRequest,
  CreateSecurityGroupResult,
  DeleteSecurityGroup$,
  DeleteSecurityGroupRequest,
  DeleteSecurityGroupResult,
  DescribeSecurityGroups$,
  DescribeSecurityGroupsRequest,
  DescribeSecurityGroupsResult,
  RevokeSecurityGroupEgress$,
  RevokeSecurityGroupIngress$,
  SecurityGroup,
} from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate, tagsFromSpecifications } from './describe';
import { missingParameter, vpcNotFound } from './errors';
import { interfacesHolding } from './networkInterfaces';
import { ec2Operation, tagList } from './operation';
import {
  authorize,
  permissionsOf,
  requireGroup,
  revoke,
} from './securityGroupRules';
import { Ec2Call, SecurityGroupRecord, TagMap } from './store';

/** Creates a security group with the egress rule AWS gives every new group. */
export function createSecurityGroup(
  call: Ec2Call,
  input: {
    vpcId: string;
    groupName: string;
    description: string;
    tags?: TagMap;
  },
): SecurityGroupRecord {
  const { store, context } = call;
  if (!store.vpcs.has(input.vpcId)) throw vpcNotFound(input.vpcId);
  const duplicate = [...store.securityGroups.values()].some(
    sg => sg.vpcId === input.vpcId && sg.groupName === input.groupName,
  );
  if (duplicate) {
    throw new AwsError(
      'InvalidGroup.Duplicate',
      `The security group '${input.groupName}' already exists for VPC '${input.vpcId}'`,
    );
  }
  const groupId = context.state.nextId('sg');
  const record: SecurityGroupRecord = {
    groupId,
    groupName: input.groupName,
    description: input.description,
    vpcId: input.vpcId,
    // Like AWS, a new group lets all traffic out and nothing in.
    rules: [
      {
        id: context.state.nextId('sgr'),
        isEgress: true,
        ipProtocol: '-1',
        cidrIpv4: '0.0.0.0/0',
      },
    ],
  };
  store.securityGroups.set(groupId, record);
  store.setTags(groupId, input.tags ?? {});
  return record;
}

/** The `default` group of a new VPC: all traffic from itself in, all traffic out. */
export function createDefaultSecurityGroup(call: Ec2Call, vpcId: string) {
  const record = createSecurityGroup(call, {
    vpcId,
    groupName: 'default',
    description: 'default VPC security group',
  });
  record.rules.unshift({
    id: call.context.state.nextId('sgr'),
    isEgress: false,
    ipProtocol: '-1',
    referencedGroupId: record.groupId,
  });
  return record;
}

function describeGroup(
  call: Ec2Call,
  record: SecurityGroupRecord,
): SecurityGroup {
  return {
    GroupId: record.groupId,
    GroupName: record.groupName,
    Description: record.description,
    VpcId: record.vpcId,
    OwnerId: call.accountId,
    SecurityGroupArn: `arn:aws:ec2:${call.region}:${call.accountId}:security-group/${record.groupId}`,
    IpPermissions: permissionsOf(call, record, false),
    IpPermissionsEgress: permissionsOf(call, record, true),
    Tags: tagList(call.store, record.groupId),
  };
}

export const securityGroupOperations = {
  CreateSecurityGroup: ec2Operation<
    CreateSecurityGroupRequest,
    CreateSecurityGroupResult
  >(CreateSecurityGroup$, (input, call) => {
    if (!input.GroupName) throw missingParameter('groupName');
    if (!input.Description) throw missingParameter('groupDescription');
    if (!input.VpcId) {
      throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user');
    }
    const record = createSecurityGroup(call, {
      vpcId: input.VpcId,
      groupName: input.GroupName,
      description: input.Description,
      tags: tagsFromSpecifications(input.TagSpecifications, 'security-group'),
    });
    return {
      GroupId: record.groupId,
      SecurityGroupArn: describeGroup(call, record).SecurityGroupArn,
      Tags: tagList(call.store, record.groupId),
    };
  }),

  DescribeSecurityGroups: ec2Operation<
    DescribeSecurityGroupsRequest,
    DescribeSecurityGroupsResult
  >(DescribeSecurityGroups$, (input, call) => {
    const groups = [...call.store.securityGroups.values()];
    for (const id of input.GroupIds ?? []) requireGroup(call, id);
    for (const name of input.GroupNames ?? [])
      requireGroup(call, undefined, name);
    const matching = groups
      .filter(g => !input.GroupIds || input.GroupIds.includes(g.groupId))
      .filter(g => !input.GroupNames || input.GroupNames.includes(g.groupName))
      .filter(g =>
        matchesFilters(
          input.Filters,
          call.store.tagsOf(g.groupId),
          name =>
            ({
              'group-id': [g.groupId],
              'group-name': [g.groupName],
              'vpc-id': [g.vpcId],
              description: [g.description],
              'owner-id': [call.accountId],
            }[name]),
        ),
      );
    const { page, nextToken } = paginate(
      matching,
      input.MaxResults,
      input.NextToken,
    );
    return {
      SecurityGroups: page.map(g => describeGroup(call, g)),
      NextToken: nextToken,
    };
  }),

  AuthorizeSecurityGroupIngress: ec2Operation(
    AuthorizeSecurityGroupIngress$,
    authorize(false),
  ),
  AuthorizeSecurityGroupEgress: ec2Operation(
    AuthorizeSecurityGroupEgress$,
    authorize(true),
  ),
  RevokeSecurityGroupIngress: ec2Operation(
    RevokeSecurityGroupIngress$,
    revoke(false),
  ),
  RevokeSecurityGroupEgress: ec2Operation(
    RevokeSecurityGroupEgress$,
    revoke(true),
  ),

  DeleteSecurityGroup: ec2Operation<
    DeleteSecurityGroupRequest,
    DeleteSecurityGroupResult
  >(DeleteSecurityGroup$, (input, call) => {
    const record = requireGroup(call, input.GroupId, input.GroupName);
    if (record.groupName === 'default') {
      throw new AwsError(
        'CannotDelete',
        `the specified group: "${record.groupId}" name: "default" cannot be deleted by a user`,
      );
    }
    // Referenced by another group's rule, or used by a network interface (a load
    // balancer's lingers a few minutes after the load balancer is deleted).
    const referenced =
      [...call.store.securityGroups.values()].some(
        other =>
          other !== record &&
          other.rules.some(rule => rule.referencedGroupId === record.groupId),
      ) ||
      interfacesHolding(call, eni =>
        Boolean(eni.Groups?.some(g => g.GroupId === record.groupId)),
      ).length > 0;
    if (referenced) {
      throw new AwsError(
        'DependencyViolation',
        `resource ${record.groupId} has a dependent object`,
      );
    }
    call.store.securityGroups.delete(record.groupId);
    call.store.tags.delete(record.groupId);
    return { Return: true, GroupId: record.groupId };
  }),
};
