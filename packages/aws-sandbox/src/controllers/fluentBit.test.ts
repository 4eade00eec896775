import {
  CreateLogGroupCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreatePodIdentityAssociationCommand } from '@aws-sdk/client-eks';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { useSeededSandbox } from './__testUtils__/seededSandbox';

const CLUSTER = 'dpj-dev-cluster';
const GROUP = `/aws/eks/${CLUSTER}/containers`;
const GROUP_ARN = `arn:aws:logs:eu-west-3:111111111111:log-group:${GROUP}`;

describe('what Fluent Bit ships to CloudWatch Logs', () => {
  const t = useSeededSandbox();
  const server = () => t.clusterServer(CLUSTER);
  const argocd = t.argocd;

  beforeEach(async () => {
    await argocd('POST', '/api/v1/clusters', {
      server: server(),
      name: CLUSTER,
      config: {},
    });
    await argocd('POST', '/api/v1/applications', {
      metadata: { name: 'fluent-bit', namespace: 'argocd' },
      spec: {
        project: 'default',
        source: {
          repoURL: 'https://fluent.github.io/helm-charts',
          chart: 'fluent-bit',
          targetRevision: '0.47.9',
          helm: {
            valuesObject: {
              serviceAccount: { create: true, name: 'fluent-bit' },
              config: {
                outputs: [
                  '[OUTPUT]',
                  '    Name cloudwatch_logs',
                  `    log_group_name ${GROUP}`,
                  '    log_stream_prefix fluent-bit-',
                  '    auto_create_group Off',
                ].join('\n'),
              },
            },
          },
        },
        destination: { server: server(), namespace: 'logging' },
        syncPolicy: { automated: { prune: true, selfHeal: true } },
      },
    });
    await t.logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
    t.advanceAwsSeconds(31);
  });

  const streams = async () =>
    (await t.logs.send(new DescribeLogStreamsCommand({ logGroupName: GROUP })))
      .logStreams ?? [];

  const putPolicy = (resource: string) =>
    t.iam.send(
      new PutRolePolicyCommand({
        RoleName: 'dpj-dev-cluster-fluent-bit-role',
        PolicyName: 'logs',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              Resource: resource,
            },
          ],
        }),
      }),
    );

  async function giveRole(resource: string) {
    const { Role } = await t.iam.send(
      new CreateRoleCommand({
        RoleName: 'dpj-dev-cluster-fluent-bit-role',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'pods.eks.amazonaws.com' },
              Action: ['sts:AssumeRole', 'sts:TagSession'],
            },
          ],
        }),
      }),
    );
    await putPolicy(resource);
    // EKS sees a role only once IAM has propagated it.
    t.advanceAwsSeconds(11);
    await t.eks.send(
      new CreatePodIdentityAssociationCommand({
        clusterName: CLUSTER,
        namespace: 'logging',
        serviceAccount: 'fluent-bit',
        roleArn: Role!.Arn,
      }),
    );
  }
  it('ships nothing without a Pod Identity association for its service account', async () => {
    expect(await streams()).toEqual([]);
  });

  it('ships nothing when its role may write to another group only, and ships once it may write to this one', async () => {
    await giveRole('arn:aws:logs:eu-west-3:111111111111:log-group:/other:*');
    t.advanceAwsSeconds(11);
    expect(await streams()).toEqual([]);
    await putPolicy(`${GROUP_ARN}:*`);
    t.advanceAwsSeconds(11);
    const shipped = await streams();
    expect(shipped.map(s => s.logStreamName)).toEqual([
      'fluent-bit-kube.var.log.containers',
    ]);
    const { events = [] } = await t.logs.send(
      new GetLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: 'fluent-bit-kube.var.log.containers',
      }),
    );
    expect(events).toHaveLength(1);
    const writers = t.sandbox.context.state
      .scopesOf<any>('logs')
      .flatMap(({ store }) => [...store.groups.values()])
      .flatMap((g: any) => [...g.streams.values()])
      .flatMap((s: any) => s.events.map((e: any) => e.writtenBy));
    expect(writers).toEqual([
      'arn:aws:iam::111111111111:role/dpj-dev-cluster-fluent-bit-role',
    ]);
  });
});
