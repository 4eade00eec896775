import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeVolumesCommand,
  DescribeVpcsCommand,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockServices } from '@backstage/backend-test-utils';
import { presetFor } from '@internal/plugin-eks-platform-common';
import {
  actionContext,
  FAST_WAITS,
  logLines,
  outputOf,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import { settledApplications } from '../__testUtils__/argoCdSync';
import { deleteNetwork } from '../network/deleteNetwork';
import {
  createEnvironment,
  DEV,
  destroyAction,
  readEnvironment,
  registerWithArgoCd,
} from './__testUtils__/destroyTestUtils';

jest.setTimeout(30_000);

const CONFIRMED_DEV = { ...DEV, confirmEnvironmentName: 'dpj-dev' };
const CLUSTER = 'dpj-dev-cluster';

/** What users of the cluster apply once it runs: a web front and two databases. */
const WORKLOADS = {
  accountId: DEV.account,
  clusterName: CLUSTER,
  ingresses: [
    {
      namespace: 'shop',
      name: 'storefront',
      scheme: 'internet-facing' as const,
      serviceName: 'storefront',
      servicePort: 8080,
    },
  ],
  volumeClaims: [
    { namespace: 'shop', name: 'data-postgres-0', sizeGiB: 20 },
    { namespace: 'monitoring', name: 'prometheus-db-0', sizeGiB: 50 },
  ],
};

describe('eks-platform:environment:destroy, after the cluster made AWS resources of its own', () => {
  const fixture = useSandboxActionFixture();
  let elbv2: ElasticLoadBalancingV2Client;

  beforeEach(async () => {
    await fixture.reset();
    elbv2 = await fixture.aws.create(ElasticLoadBalancingV2Client, {
      accountId: DEV.account,
      region: 'eu-west-3',
    });
    // The actions give the storage driver and the load balancer controller their roles:
    // without them the claims would stay Pending and the Ingress get no load balancer.
    await createEnvironment(fixture.aws, DEV);
    const applied = await fixture.applyWorkloads(WORKLOADS);
    if (applied.pending.length) {
      throw new Error(
        `left pending: ${applied.pending
          .map(p => `${p.object} (${p.reason})`)
          .join(', ')}`,
      );
    }
  });
  afterEach(() => elbv2.destroy());

  const volumesOfTheCluster = async () =>
    (
      await fixture.ec2(DEV.account).send(
        new DescribeVolumesCommand({
          Filters: [
            { Name: `tag:kubernetes.io/cluster/${CLUSTER}`, Values: ['owned'] },
          ],
        }),
      )
    ).Volumes ?? [];

  it("gives the driver's volumes the cluster id and the environment's cost tags", async () => {
    const volumes = await volumesOfTheCluster();
    expect(volumes).toHaveLength(2);
    for (const volume of volumes) {
      expect(volume.Tags).toEqual(
        expect.arrayContaining([
          { Key: 'environment', Value: 'dev' },
          { Key: 'eks-platform:environment-name', Value: 'dpj-dev' },
        ]),
      );
      expect(volume.Tags?.map(t => t.Key)).not.toContain(
        'eks-platform:task-id',
      );
    }
  });

  it('the network alone cannot be deleted while the load balancer holds it', async () => {
    const logger = mockServices.logger.mock();
    await expect(
      deleteNetwork(fixture.ec2(DEV.account), presetFor('dev'), logger, {
        waitSettings: FAST_WAITS,
      }),
    ).rejects.toThrow(/DependencyViolation/);
  });

  it('dry run lists them; destroy deletes them before the network and leaves nothing', async () => {
    const dryRun = actionContext({ input: CONFIRMED_DEV, isDryRun: true });
    await destroyAction(fixture.aws).handler(dryRun);
    const listed: { type: string; name: string }[] = outputOf(
      dryRun,
      'deleted',
    );
    const made = listed
      .filter(r => /ElasticLoadBalancing|Volume|SecurityGroup/.test(r.type))
      .map(r => `${r.type} ${r.name}`);
    expect([...made].sort()).toEqual([
      expect.stringMatching(
        /^AWS::EC2::SecurityGroup eks-cluster-sg-dpj-dev-cluster-/,
      ),
      expect.stringMatching(/^AWS::EC2::SecurityGroup k8s-shop-storefro-/),
      expect.stringMatching(
        /^AWS::EC2::SecurityGroup k8s-traffic-dpj-dev-cluster-/,
      ),
      'AWS::EC2::Volume data-postgres-0',
      'AWS::EC2::Volume prometheus-db-0',
      expect.stringMatching(
        /^AWS::ElasticLoadBalancingV2::LoadBalancer k8s-shop-storefro-/,
      ),
      expect.stringMatching(
        /^AWS::ElasticLoadBalancingV2::TargetGroup k8s-shop-storefro-/,
      ),
    ]);
    // Listed in the order destroy deletes them: the load balancer before the target group
    // its listener uses and the groups its interfaces hold; EKS's group, whose rule names
    // the controller's shared backend group, before that one.
    const at = (pattern: RegExp) => made.findIndex(m => pattern.test(m));
    const loadBalancer = at(/LoadBalancer /);
    expect(loadBalancer).toBeLessThan(at(/TargetGroup /));
    expect(loadBalancer).toBeLessThan(at(/SecurityGroup k8s-shop/));
    expect(loadBalancer).toBeLessThan(at(/SecurityGroup k8s-traffic/));
    expect(at(/eks-cluster-sg/)).toBeLessThan(at(/SecurityGroup k8s-traffic/));
    const subnet = listed.findIndex(r => r.type === 'AWS::EC2::Subnet');
    expect(
      listed.map(r => r.type).lastIndexOf('AWS::EC2::Volume'),
    ).toBeLessThan(subnet);
    expect(
      listed.findIndex(r => r.type === 'AWS::EC2::SecurityGroup'),
    ).toBeLessThan(subnet);

    const ctx = actionContext({ input: CONFIRMED_DEV, taskId: 'task-destroy' });
    await destroyAction(fixture.aws).handler(ctx);

    const types: string[] = outputOf(ctx, 'deleted').map(
      (r: { type: string }) => r.type,
    );
    expect(
      types.indexOf('AWS::ElasticLoadBalancingV2::LoadBalancer'),
    ).toBeGreaterThan(types.indexOf('AWS::EKS::Cluster'));
    expect(types.lastIndexOf('AWS::EC2::Volume')).toBeLessThan(
      types.indexOf('AWS::EC2::Subnet'),
    );
    expect(logLines(ctx.logger)).toContainEqual(
      expect.stringMatching(
        /^Done waiting for EC2 to release the network interfaces of 1 load balancer\(s\) after/,
      ),
    );
    const { LoadBalancers = [] } = await elbv2.send(
      new DescribeLoadBalancersCommand({}),
    );
    const { TargetGroups = [] } = await elbv2.send(
      new DescribeTargetGroupsCommand({}),
    );
    expect({
      loadBalancers: LoadBalancers.length,
      targetGroups: TargetGroups.length,
      volumes: (await volumesOfTheCluster()).length,
    }).toEqual({ loadBalancers: 0, targetGroups: 0, volumes: 0 });
    const { Vpcs = [] } = await fixture
      .ec2(DEV.account)
      .send(new DescribeVpcsCommand({}));
    expect(Vpcs.filter(v => !v.IsDefault)).toEqual([]);
    expect(
      await readEnvironment(fixture.aws, DEV.account, 'dpj-dev'),
    ).toMatchObject({
      vpcs: 0,
      subnets: 0,
      clusters: 0,
    });
  });

  it('a created environment registered with ArgoCD syncs, gets its load balancer and ships its logs; destroy removes them', async () => {
    const target = { accountId: DEV.account, region: 'eu-west-3' };
    await registerWithArgoCd(fixture, DEV, CLUSTER);
    const dpjLoadBalancers = async () =>
      (
        (await elbv2.send(new DescribeLoadBalancersCommand({})))
          .LoadBalancers ?? []
      ).filter(lb => lb.LoadBalancerName!.startsWith('k8s-dpj-dpj-'));
    // ArgoCD syncs 30 AWS seconds (30 ms here) after the applications are created.
    for (let i = 0; i < 100 && (await dpjLoadBalancers()).length === 0; i++) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    expect(await dpjLoadBalancers()).toHaveLength(1);
    // ArgoCD's role has its access entry: every application is Synced, each 30 AWS
    // seconds after its own creation.
    const items = await settledApplications(fixture.sandbox.url);
    expect(items.length).toBeGreaterThanOrEqual(5);
    for (const app of items) {
      expect([app.metadata.name, app.status.sync.status]).toEqual([
        app.metadata.name,
        'Synced',
      ]);
    }
    // Fluent Bit's role may write into the log group the cluster step made.
    const logs = await fixture.aws.create(CloudWatchLogsClient, target);
    const streams = async () =>
      (
        await logs.send(
          new DescribeLogStreamsCommand({
            logGroupName: `/aws/eks/${CLUSTER}/containers`,
          }),
        )
      ).logStreams ?? [];
    expect((await streams()).map(s => s.logStreamName)).toEqual([
      'fluent-bit-kube.var.log.containers',
    ]);

    const ctx = actionContext({ input: CONFIRMED_DEV, taskId: 'task-destroy' });
    await destroyAction(fixture.aws).handler(ctx);
    const { LoadBalancers = [] } = await elbv2.send(
      new DescribeLoadBalancersCommand({}),
    );
    expect(LoadBalancers).toEqual([]);
    await expect(streams()).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
    logs.destroy();
    expect(
      await readEnvironment(fixture.aws, DEV.account, 'dpj-dev'),
    ).toMatchObject({ vpcs: 0, subnets: 0 });
  });
});
