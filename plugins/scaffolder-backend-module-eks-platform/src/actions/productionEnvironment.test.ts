import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DeleteAccessEntryCommand,
  DescribeAddonCommand,
  EKSClient,
} from '@aws-sdk/client-eks';
import {
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  removePodIdentityAssociation,
  settledApplications,
} from './__testUtils__/argoCdSync';
import {
  actionContext,
  useSandboxActionFixture,
} from './__testUtils__/sandboxActionFixture';
import {
  argocdRoleOf,
  createEnvironment,
  destroyAction,
  NOTHING,
  readEnvironment,
  registerWithArgoCd,
} from './destroy/__testUtils__/destroyTestUtils';

jest.setTimeout(60_000);

const PRODUCTION = {
  environment: 'production' as const,
  owner: 'group:default/dpj-platform-team',
  account: '333333333333',
};
const NAME = 'dpj-prod';
const CLUSTER = `${NAME}-cluster`;
const TARGET = { accountId: PRODUCTION.account, region: 'eu-west-3' };

/**
 * The production environment as the template creates it, then synced by ArgoCD: each
 * promise of ADR-0007 checked where AWS and ArgoCD would show it, and what is wrong listed
 * by name. Removing one permission the actions grant must make exactly that part fail.
 */
describe('a production environment, created and synced', () => {
  const fixture = useSandboxActionFixture();
  let eks: EKSClient;
  let ec2: EC2Client;
  let elbv2: ElasticLoadBalancingV2Client;
  let logs: CloudWatchLogsClient;

  beforeAll(async () => {
    [eks, ec2, elbv2, logs] = await Promise.all([
      fixture.aws.create(EKSClient, TARGET),
      fixture.aws.create(EC2Client, TARGET),
      fixture.aws.create(ElasticLoadBalancingV2Client, TARGET),
      fixture.aws.create(CloudWatchLogsClient, TARGET),
    ]);
  });
  afterAll(() => [eks, ec2, elbv2, logs].forEach(client => client.destroy()));

  beforeEach(async () => {
    await fixture.reset();
    await createEnvironment(fixture.aws, PRODUCTION);
  });

  async function kubernetesPods(namespace: string): Promise<any[]> {
    const response = await fetch(
      `${fixture.sandbox.url}/k8s/${PRODUCTION.account}/eu-west-3/${CLUSTER}/api/v1/namespaces/${namespace}/pods`,
      { headers: { authorization: 'Bearer test' } },
    );
    return (await response.json()).items;
  }

  /** Everything the platform promises that does not hold, one line each. */
  async function platformProblems(): Promise<string[]> {
    const problems: string[] = [];
    const apps = await settledApplications(fixture.sandbox.url, {
      untilHealthy: true,
    });
    if (apps.length < 6) problems.push(`only ${apps.length} applications`);
    for (const app of apps) {
      const { sync, health, conditions = [], resources = [] } = app.status;
      if (sync.status !== 'Synced' || health.status !== 'Healthy') {
        const why = [
          ...conditions.map((c: any) => c.message),
          ...resources
            .filter((r: any) => r.health.status !== 'Healthy')
            .map((r: any) => `${r.kind} ${r.name}: ${r.health.message}`),
        ];
        problems.push(
          `${app.metadata.name} is ${sync.status}/${health.status}: ${why.join(
            '; ',
          )}`,
        );
      }
    }
    const { LoadBalancers = [] } = await elbv2.send(
      new DescribeLoadBalancersCommand({}),
    );
    const tagged = LoadBalancers.length
      ? (
          await elbv2.send(
            new DescribeTagsCommand({
              ResourceArns: LoadBalancers.map(lb => lb.LoadBalancerArn!),
            }),
          )
        ).TagDescriptions ?? []
      : [];
    const ingressAlb = tagged.some(description =>
      description.Tags?.some(
        tag => tag.Key === 'elbv2.k8s.aws/cluster' && tag.Value === CLUSTER,
      ),
    );
    if (!ingressAlb) problems.push('no ALB for the DPJ ingress');
    const { Volumes = [] } = await ec2.send(
      new DescribeVolumesCommand({
        Filters: [{ Name: 'tag:KubernetesCluster', Values: [CLUSTER] }],
      }),
    );
    if (!Volumes.length || Volumes.some(v => v.State !== 'in-use')) {
      problems.push(
        `volumes not bound: ${
          Volumes.map(v => `${v.VolumeId} ${v.State}`).join(', ') || 'none'
        }`,
      );
    }
    const { logStreams = [] } = await logs.send(
      new DescribeLogStreamsCommand({
        logGroupName: `/aws/eks/${CLUSTER}/containers`,
      }),
    );
    const events = logStreams.length
      ? (
          await logs.send(
            new GetLogEventsCommand({
              logGroupName: `/aws/eks/${CLUSTER}/containers`,
              logStreamName: logStreams[0].logStreamName,
            }),
          )
        ).events ?? []
      : [];
    if (!events.length) problems.push('no container log reached CloudWatch');
    const { addon } = await eks.send(
      new DescribeAddonCommand({
        clusterName: CLUSTER,
        addonName: 'metrics-server',
      }),
    );
    const metricsServer = (await kubernetesPods('kube-system')).filter(pod =>
      pod.metadata.name.startsWith('metrics-server-'),
    );
    if (
      addon?.status !== 'ACTIVE' ||
      !metricsServer.length ||
      metricsServer.some(pod => pod.status.phase !== 'Running')
    ) {
      problems.push(`metrics-server is not running (add-on ${addon?.status})`);
    }
    return problems;
  }

  it('works as the ADR promises, and destroy then leaves nothing behind', async () => {
    await registerWithArgoCd(fixture, PRODUCTION, CLUSTER);
    expect(await platformProblems()).toEqual([]);

    const destroy = actionContext({
      input: { ...PRODUCTION, confirmEnvironmentName: NAME },
      taskId: 'task-destroy',
    });
    await destroyAction(fixture.aws).handler(destroy);
    expect(
      await readEnvironment(fixture.aws, PRODUCTION.account, NAME),
    ).toEqual(NOTHING);
    const { LoadBalancers = [] } = await elbv2.send(
      new DescribeLoadBalancersCommand({}),
    );
    const { TargetGroups = [] } = await elbv2.send(
      new DescribeTargetGroupsCommand({}),
    );
    const { Volumes = [] } = await ec2.send(new DescribeVolumesCommand({}));
    expect({ LoadBalancers, TargetGroups, Volumes }).toEqual({
      LoadBalancers: [],
      TargetGroups: [],
      Volumes: [],
    });
  });

  it("syncs nothing without ArgoCD's access entry, and says so", async () => {
    await eks.send(
      new DeleteAccessEntryCommand({
        clusterName: CLUSTER,
        principalArn: argocdRoleOf(PRODUCTION.account),
      }),
    );
    await registerWithArgoCd(fixture, PRODUCTION, CLUSTER);
    const problems = await platformProblems();
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^dpj-prod-dpj is Unknown\/Unknown: .*Unauthorized: arn:aws:iam::333333333333:role\/argocd-manager has no access entry on dpj-prod-cluster/,
      ),
    );
    expect(problems).toContain('no ALB for the DPJ ingress');
    expect(problems).toContain('no container log reached CloudWatch');
  });

  it.each([
    [
      'the load balancer controller',
      'aws-load-balancer-controller',
      /Ingress .*: kube-system\/aws-load-balancer-controller has no AWS credentials/,
      ['no ALB for the DPJ ingress'],
    ],
    [
      'the cluster autoscaler',
      'cluster-autoscaler',
      /Deployment cluster-autoscaler-aws-cluster-autoscaler: Deployment "cluster-autoscaler-aws-cluster-autoscaler" exceeded its progress deadline; its pods are in CrashLoopBackOff: kube-system\/cluster-autoscaler has no AWS credentials/,
      [],
    ],
  ])(
    'fails without the Pod Identity association of %s, naming it',
    async (_, serviceAccount, health, missing) => {
      await removePodIdentityAssociation(
        eks,
        CLUSTER,
        serviceAccount,
        'kube-system',
      );
      await registerWithArgoCd(fixture, PRODUCTION, CLUSTER);
      // Only that part fails: the logs still flow, the volumes still bind.
      expect(await platformProblems()).toEqual([
        expect.stringMatching(health),
        ...missing,
      ]);
    },
  );
});
