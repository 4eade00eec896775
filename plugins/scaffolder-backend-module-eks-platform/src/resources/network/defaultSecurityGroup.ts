/**
 * A VPC's default security group lets every member talk to every other and out anywhere;
 * anything launched without a group lands in it. Its rules are removed so that cannot
 * happen silently (CIS AWS Foundations 5.4); EKS creates the groups it needs.
 */
import {
  CreateTagsCommand,
  DescribeSecurityGroupsCommand,
  IpPermission,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import {
  COMPONENT_TAG,
  componentTags,
  toTagList,
} from '../../actions/shared/tagging';
import { Ec2Handler, sender } from './ec2Resources';

/** Only the fields a revoke matches on; descriptions and owner ids are left out. */
function ruleOf(permission: IpPermission): IpPermission {
  const allProtocols = permission.IpProtocol === '-1';
  const pick = <T>(items: T[] | undefined, map: (item: T) => T) =>
    items?.length ? items.map(map) : undefined;
  const rule: IpPermission = {
    IpProtocol: permission.IpProtocol,
    ...(allProtocols
      ? {}
      : { FromPort: permission.FromPort, ToPort: permission.ToPort }),
    IpRanges: pick(permission.IpRanges, r => ({ CidrIp: r.CidrIp })),
    Ipv6Ranges: pick(permission.Ipv6Ranges, r => ({ CidrIpv6: r.CidrIpv6 })),
    PrefixListIds: pick(permission.PrefixListIds, p => ({
      PrefixListId: p.PrefixListId,
    })),
    UserIdGroupPairs: pick(permission.UserIdGroupPairs, p => ({
      GroupId: p.GroupId,
    })),
  };
  return Object.fromEntries(
    Object.entries(rule).filter(([, value]) => value !== undefined),
  ) as IpPermission;
}

export const defaultSecurityGroup: Ec2Handler = {
  label: 'default security group',
  async create(node, refs, c) {
    const send = sender(c);
    const { SecurityGroups = [] } = await send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [refs.vpc] },
          { Name: 'group-name', Values: ['default'] },
        ],
      }),
    );
    const group = SecurityGroups[0];
    if (!group?.GroupId) {
      throw new Error(`VPC ${refs.vpc} has no default security group`);
    }
    const ingress = (group.IpPermissions ?? []).map(ruleOf);
    const egress = (group.IpPermissionsEgress ?? []).map(ruleOf);
    if (ingress.length > 0) {
      await send(
        new RevokeSecurityGroupIngressCommand({
          GroupId: group.GroupId,
          IpPermissions: ingress,
        }),
      );
    }
    if (egress.length > 0) {
      await send(
        new RevokeSecurityGroupEgressCommand({
          GroupId: group.GroupId,
          IpPermissions: egress,
        }),
      );
    }
    if (!group.Tags?.some(t => t.Key === COMPONENT_TAG)) {
      await send(
        new CreateTagsCommand({
          Resources: [group.GroupId],
          Tags: toTagList(componentTags(c.tags, node.key, node.name)),
        }),
      );
    }
    c.logger.info(
      ingress.length + egress.length > 0
        ? `Removed the ${ingress.length} inbound and ${egress.length} outbound rule(s) of default security group ${group.GroupId}`
        : `Default security group ${group.GroupId} has no rules`,
    );
    return group.GroupId;
  },
};
