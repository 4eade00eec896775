import {
  CreateLaunchTemplateCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DescribeInstanceTypesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { awsError, ec2ClientFor, freshVpc, useEc2Sandbox } from './testSandbox';

describe('EC2 errors, with AWS codes and wording', () => {
  const t = useEc2Sandbox();
  let ec2: EC2Client;
  let vpcId: string;

  beforeEach(async () => {
    ({ ec2, vpcId } = await freshVpc(t, '10.0.0.0/16'));
  });

  it('protects security group names and the default group', async () => {
    const input = {
      VpcId: vpcId,
      GroupName: 'nodes',
      Description: 'worker nodes',
    };
    await ec2.send(new CreateSecurityGroupCommand(input));
    await expect(
      ec2.send(new CreateSecurityGroupCommand(input)),
    ).rejects.toMatchObject(
      awsError(
        'InvalidGroup.Duplicate',
        `The security group 'nodes' already exists for VPC '${vpcId}'`,
      ),
    );
    const { SecurityGroups } = await ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [{ Name: 'group-name', Values: ['default'] }],
      }),
    );
    const defaultId = SecurityGroups![0].GroupId!;
    await expect(
      ec2.send(new DeleteSecurityGroupCommand({ GroupId: defaultId })),
    ).rejects.toMatchObject(
      awsError(
        'CannotDelete',
        `the specified group: "${defaultId}" name: "default" cannot be deleted by a user`,
      ),
    );
  });

  it('refuses a launch template name already in use', async () => {
    const input = {
      LaunchTemplateName: 'dpj-dev-cluster-system',
      LaunchTemplateData: { EbsOptimized: true },
    };
    await ec2.send(new CreateLaunchTemplateCommand(input));
    await expect(
      ec2.send(new CreateLaunchTemplateCommand(input)),
    ).rejects.toMatchObject(
      awsError(
        'InvalidLaunchTemplateName.AlreadyExistsException',
        'Launch template name already in use.',
      ),
    );
  });

  it('rejects unknown instance types, unknown filters and dry runs', async () => {
    await expect(
      ec2.send(
        new DescribeInstanceTypesCommand({
          InstanceTypes: ['t3.medium', 'x9.huge' as 't3.medium'],
        }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'InvalidInstanceType',
        'The following supplied instance types do not exist: [x9.huge]',
      ),
    );
    await expect(
      ec2.send(
        new DescribeVpcsCommand({
          Filters: [{ Name: 'colour', Values: ['blue'] }],
        }),
      ),
    ).rejects.toMatchObject(
      awsError('InvalidParameterValue', "The filter 'colour' is invalid"),
    );
    await expect(
      ec2.send(
        new CreateVpcCommand({ CidrBlock: '10.1.0.0/16', DryRun: true }),
      ),
    ).rejects.toMatchObject(
      awsError(
        'DryRunOperation',
        'Request would have succeeded, but DryRun flag is set.',
        412,
      ),
    );
  });

  it('refuses an access key of no known account', async () => {
    const stranger = ec2ClientFor(t.sandbox.url, {
      accessKeyId: 'AKIDUNKNOWN',
    });
    await expect(
      stranger.send(new DescribeVpcsCommand({})),
    ).rejects.toMatchObject(
      awsError(
        'AuthFailure',
        'AWS was not able to validate the provided access credentials',
        403,
      ),
    );
  });
});
