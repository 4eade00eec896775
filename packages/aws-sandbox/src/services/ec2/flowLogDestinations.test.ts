import {
  CreateFlowLogsCommand,
  DescribeFlowLogsCommand,
} from '@aws-sdk/client-ec2';
import { addBucket, addLogGroup } from './flowLogDestinations';
import { freshVpc, useEc2Sandbox } from './testSandbox';

describe('EC2 CreateFlowLogs: destinations that must exist', () => {
  const t = useEc2Sandbox({
    seed: context => {
      addBucket(context, 'archive-flow-logs');
      addLogGroup(
        context,
        { accountId: '111111111111', region: 'eu-west-3' },
        '/landing-zone/flow-logs',
      );
    },
  });

  const toS3 = (vpcId: string, bucketArn: string) =>
    new CreateFlowLogsCommand({
      ResourceIds: [vpcId],
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: bucketArn,
    });
  const toLogGroup = (vpcId: string, group: string) =>
    new CreateFlowLogsCommand({
      ResourceIds: [vpcId],
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogDestination: `arn:aws:logs:eu-west-3:111111111111:log-group:${group}`,
      DeliverLogsPermissionArn: 'arn:aws:iam::111111111111:role/flow-logs',
    });

  it('lists a bucket that does not exist as unsuccessful, and creates nothing', async () => {
    const { ec2, vpcId } = await freshVpc(t, '10.0.0.0/16');
    const result = await ec2.send(
      toS3(vpcId, 'arn:aws:s3:::no-such-bucket/vpc'),
    );
    expect(result.FlowLogIds).toEqual([]);
    expect(result.Unsuccessful).toEqual([
      {
        ResourceId: vpcId,
        Error: {
          Code: '400',
          Message: 'LogDestination: no-such-bucket does not exist.',
        },
      },
    ]);
    const { FlowLogs } = await ec2.send(new DescribeFlowLogsCommand({}));
    expect(FlowLogs).toEqual([]);
  });

  it('delivers to a bucket and a log group that exist', async () => {
    const { ec2, vpcId } = await freshVpc(t, '10.1.0.0/16');
    const s3 = await ec2.send(
      toS3(vpcId, 'arn:aws:s3:::archive-flow-logs/dev'),
    );
    const logs = await ec2.send(toLogGroup(vpcId, '/landing-zone/flow-logs'));
    const { FlowLogs = [] } = await ec2.send(
      new DescribeFlowLogsCommand({
        FlowLogIds: [...s3.FlowLogIds!, ...logs.FlowLogIds!],
      }),
    );
    expect(
      FlowLogs.map(f => [f.LogDestinationType, f.DeliverLogsStatus]),
    ).toEqual([
      ['s3', 'SUCCESS'],
      ['cloud-watch-logs', 'SUCCESS'],
    ]);
    expect(FlowLogs[1].LogGroupName).toBe('/landing-zone/flow-logs');
  });

  it('creates a flow log to a missing log group whose delivery fails', async () => {
    const { ec2, vpcId } = await freshVpc(t, '10.2.0.0/16');
    const created = await ec2.send(toLogGroup(vpcId, '/typo/flow-logs'));
    const { FlowLogs = [] } = await ec2.send(
      new DescribeFlowLogsCommand({ FlowLogIds: created.FlowLogIds }),
    );
    expect(FlowLogs[0]).toMatchObject({
      DeliverLogsStatus: 'FAILED',
      DeliverLogsErrorMessage: 'Access error',
    });
  });
});
