import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  PutRetentionPolicyCommand,
  DescribeLogStreamsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { RunningSandbox, startSandbox } from '../../server';
import { logsService } from '.';

describe('aws-sandbox CloudWatch Logs', () => {
  let sandbox: RunningSandbox;
  let logs: CloudWatchLogsClient;
  beforeAll(async () => {
    sandbox = await startSandbox({
      awsServices: [logsService],
      timeScale: 0.001,
    });
    logs = new CloudWatchLogsClient({
      region: 'eu-west-3',
      endpoint: sandbox.url,
      credentials: { accessKeyId: 'AKIDSANDBOXDEV', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
  });
  afterAll(() => sandbox.close());

  const NAME = '/aws/eks/dpj-dev-cluster/containers';
  const groups = async () =>
    (
      await logs.send(
        new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/eks/' }),
      )
    ).logGroups ?? [];

  it('creates a group with tags, sets its retention, lists and deletes it', async () => {
    await logs.send(
      new CreateLogGroupCommand({
        logGroupName: NAME,
        tags: { 'eks-platform:environment-name': 'dpj-dev' },
      }),
    );
    const [group] = await groups();
    expect(group).toMatchObject({
      logGroupName: NAME,
      arn: `arn:aws:logs:eu-west-3:111111111111:log-group:${NAME}:*`,
      logGroupArn: `arn:aws:logs:eu-west-3:111111111111:log-group:${NAME}`,
    });
    expect(group.retentionInDays).toBeUndefined();
    expect(group.creationTime).toEqual(expect.any(Number));
    const { tags } = await logs.send(
      new ListTagsForResourceCommand({ resourceArn: group.logGroupArn }),
    );
    expect(tags).toEqual({ 'eks-platform:environment-name': 'dpj-dev' });

    await logs.send(
      new PutRetentionPolicyCommand({ logGroupName: NAME, retentionInDays: 7 }),
    );
    expect((await groups())[0].retentionInDays).toBe(7);

    await logs.send(new DeleteLogGroupCommand({ logGroupName: NAME }));
    expect(await groups()).toEqual([]);
  });

  it("answers AWS's errors: a second group, an unknown group, a retention not in the enum", async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: NAME }));
    await expect(
      logs.send(new CreateLogGroupCommand({ logGroupName: NAME })),
    ).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log group already exists',
    });
    await expect(
      logs.send(
        new PutRetentionPolicyCommand({
          logGroupName: NAME,
          retentionInDays: 10,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidParameterException',
      message: expect.stringMatching(/retentionInDays.*enum value set/),
    });
    await logs.send(new DeleteLogGroupCommand({ logGroupName: NAME }));
    await expect(
      logs.send(new DeleteLogGroupCommand({ logGroupName: NAME })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    await expect(
      logs.send(
        new CreateLogStreamCommand({ logGroupName: NAME, logStreamName: 's' }),
      ),
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('keeps log streams in their group', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: NAME }));
    await logs.send(
      new CreateLogStreamCommand({ logGroupName: NAME, logStreamName: 'app' }),
    );
    const { logStreams = [] } = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: NAME }),
    );
    expect(logStreams.map(s => s.logStreamName)).toEqual(['app']);
  });
});
