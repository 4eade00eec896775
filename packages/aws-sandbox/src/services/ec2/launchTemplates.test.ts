import {
  CreateFlowLogsCommand,
  CreateLaunchTemplateCommand,
  DeleteFlowLogsCommand,
  DeleteLaunchTemplateCommand,
  DescribeFlowLogsCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { freshVpc, useEc2Sandbox } from './testSandbox';

describe('EC2 launch templates and flow logs', () => {
  const t = useEc2Sandbox();
  let ec2: EC2Client;
  let vpcId: string;

  beforeEach(async () => {
    ({ ec2, vpcId } = await freshVpc(t, '10.10.0.0/16', {
      environment: 'dev',
    }));
  });

  it('stores launch template data so IMDSv2 and disk encryption can be checked', async () => {
    const input = {
      LaunchTemplateName: 'dpj-dev-cluster-system',
      ClientToken: 'lt-token-1',
      VersionDescription: 'initial',
      LaunchTemplateData: {
        MetadataOptions: {
          HttpTokens: 'required' as const,
          HttpPutResponseHopLimit: 1,
        },
        BlockDeviceMappings: [
          {
            DeviceName: '/dev/xvda',
            Ebs: {
              VolumeType: 'gp3' as const,
              VolumeSize: 50,
              Encrypted: true,
            },
          },
        ],
      },
      TagSpecifications: [
        {
          ResourceType: 'launch-template' as const,
          Tags: [{ Key: 'environment', Value: 'dev' }],
        },
      ],
    };
    const { LaunchTemplate } = await ec2.send(
      new CreateLaunchTemplateCommand(input),
    );
    expect(LaunchTemplate).toMatchObject({
      LaunchTemplateName: 'dpj-dev-cluster-system',
      DefaultVersionNumber: 1,
      LatestVersionNumber: 1,
      CreateTime: expect.any(Date),
    });
    // Same ClientToken: the same template, not a name clash.
    const retried = await ec2.send(new CreateLaunchTemplateCommand(input));
    expect(retried.LaunchTemplate?.LaunchTemplateId).toBe(
      LaunchTemplate?.LaunchTemplateId,
    );

    const { LaunchTemplateVersions } = await ec2.send(
      new DescribeLaunchTemplateVersionsCommand({
        LaunchTemplateName: 'dpj-dev-cluster-system',
        Versions: ['$Latest'],
      }),
    );
    expect(LaunchTemplateVersions).toHaveLength(1);
    expect(LaunchTemplateVersions?.[0]).toMatchObject({
      VersionNumber: 1,
      DefaultVersion: true,
      VersionDescription: 'initial',
      LaunchTemplateData: {
        MetadataOptions: {
          HttpTokens: 'required',
          HttpPutResponseHopLimit: 1,
          State: 'applied',
        },
        BlockDeviceMappings: [
          {
            DeviceName: '/dev/xvda',
            Ebs: { VolumeType: 'gp3', VolumeSize: 50, Encrypted: true },
          },
        ],
      },
    });
    const byTag = await ec2.send(
      new DescribeLaunchTemplatesCommand({
        Filters: [{ Name: 'tag:environment', Values: ['dev'] }],
      }),
    );
    expect(byTag.LaunchTemplates?.map(l => l.LaunchTemplateId)).toEqual([
      LaunchTemplate?.LaunchTemplateId,
    ]);

    await ec2.send(
      new DeleteLaunchTemplateCommand({
        LaunchTemplateName: 'dpj-dev-cluster-system',
      }),
    );
    await expect(
      ec2.send(
        new DescribeLaunchTemplatesCommand({
          LaunchTemplateNames: ['dpj-dev-cluster-system'],
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidLaunchTemplateName.NotFoundException',
    });
  });

  it('creates, lists and deletes flow logs, reporting unknown resources per item', async () => {
    const common = {
      ResourceType: 'VPC' as const,
      TrafficType: 'REJECT' as const,
      LogDestinationType: 'cloud-watch-logs' as const,
      LogGroupName: '/aws/vpc/dpj-dev',
      DeliverLogsPermissionArn: 'arn:aws:iam::111111111111:role/flow-logs',
    };
    const created = await ec2.send(
      new CreateFlowLogsCommand({
        ...common,
        ResourceIds: [vpcId, 'vpc-0000000000000000f'],
      }),
    );
    expect(created.FlowLogIds).toHaveLength(1);
    expect(created.Unsuccessful).toEqual([
      {
        ResourceId: 'vpc-0000000000000000f',
        Error: {
          Code: 'InvalidVpcID.NotFound',
          Message: "The vpc ID 'vpc-0000000000000000f' does not exist",
        },
      },
    ]);
    await expect(
      ec2.send(
        new CreateFlowLogsCommand({
          ...common,
          ResourceIds: [vpcId],
          DeliverLogsPermissionArn: undefined,
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameter' });
    const { FlowLogs } = await ec2.send(
      new DescribeFlowLogsCommand({
        Filter: [{ Name: 'traffic-type', Values: ['REJECT'] }],
      }),
    );
    expect(FlowLogs?.map(f => f.ResourceId)).toEqual([vpcId]);
    const deleted = await ec2.send(
      new DeleteFlowLogsCommand({
        FlowLogIds: [created.FlowLogIds![0], 'fl-1'],
      }),
    );
    expect(
      deleted.Unsuccessful?.map(u => [u.ResourceId, u.Error?.Code]),
    ).toEqual([['fl-1', 'InvalidFlowLogId.NotFound']]);
  });
});
