import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { freshVpc, useEc2Sandbox } from './testSandbox';

describe('EC2 security groups', () => {
  const t = useEc2Sandbox();
  let ec2: EC2Client;
  let vpcId: string;

  beforeEach(async () => {
    ({ ec2, vpcId } = await freshVpc(t, '10.10.0.0/16', {
      environment: 'dev',
    }));
  });

  it('gives a new VPC the AWS default group, which can be stripped of its rules', async () => {
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'group-name', Values: ['default'] },
        ],
      }),
    );
    const group = SecurityGroups![0];
    expect(group.IpPermissions).toEqual([
      expect.objectContaining({
        IpProtocol: '-1',
        UserIdGroupPairs: [{ GroupId: group.GroupId, UserId: '111111111111' }],
      }),
    ]);
    expect(group.IpPermissionsEgress).toEqual([
      expect.objectContaining({
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
      }),
    ]);
    await ec2.send(
      new RevokeSecurityGroupIngressCommand({
        GroupId: group.GroupId,
        IpPermissions: [
          { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: group.GroupId }] },
        ],
      }),
    );
    await ec2.send(
      new RevokeSecurityGroupEgressCommand({
        GroupId: group.GroupId,
        IpPermissions: [
          { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
        ],
      }),
    );
    const stripped = await ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [group.GroupId!] }),
    );
    expect(stripped.SecurityGroups?.[0]).toMatchObject({
      IpPermissions: [],
      IpPermissionsEgress: [],
    });
    await expect(
      ec2.send(
        new RevokeSecurityGroupEgressCommand({
          GroupId: group.GroupId,
          IpPermissions: [
            { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          ],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidPermission.NotFound',
      message: 'The specified rule does not exist in this security group.',
    });
  });

  it('authorizes ingress rules and refuses duplicates', async () => {
    const { GroupId } = await ec2.send(
      new CreateSecurityGroupCommand({
        VpcId: vpcId,
        GroupName: 'dpj-dev-cluster-extra',
        Description: 'HTTPS from the VPC',
        TagSpecifications: [
          {
            ResourceType: 'security-group',
            Tags: [{ Key: 'Name', Value: 'extra' }],
          },
        ],
      }),
    );
    const permission = {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      IpRanges: [{ CidrIp: '10.10.0.0/16' }],
    };
    const { Return, SecurityGroupRules } = await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [permission],
      }),
    );
    expect(Return).toBe(true);
    expect(SecurityGroupRules?.[0]).toMatchObject({
      GroupId,
      IsEgress: false,
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      CidrIpv4: '10.10.0.0/16',
      SecurityGroupRuleId: expect.stringMatching(/^sgr-/),
    });
    await expect(
      ec2.send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId,
          IpPermissions: [permission],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidPermission.Duplicate',
      message:
        'the specified rule "peer: 10.10.0.0/16, TCP, from port: 443, to port: 443, ALLOW" already exists',
    });
    const described = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'tag:Name', Values: ['extra'] }],
      }),
    );
    expect(described.SecurityGroups?.[0].IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.10.0.0/16' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ]);
    const deleted = await ec2.send(new DeleteSecurityGroupCommand({ GroupId }));
    expect(deleted).toMatchObject({ Return: true, GroupId });
  });
});
