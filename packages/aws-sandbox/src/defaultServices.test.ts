import {
  CostExplorerClient,
  GetCostAndUsageCommand,
} from '@aws-sdk/client-cost-explorer';
import {
  DescribeNatGatewaysCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateNodegroupCommand,
  DescribeClusterCommand,
  EKSClient,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { defaultSandboxServices } from './defaultServices';
import { RunningSandbox, startSandbox } from './server';

/** The whole sandbox as `yarn start` runs it, seeded with the three DPJ environments. */
describe('the default sandbox', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      timeScale: 0.001,
      ...defaultSandboxServices({ seed: true }),
    });
  });
  afterAll(() => sandbox.close());

  const prodCredentials = {
    accessKeyId: 'AKIDSANDBOXPROD',
    secretAccessKey: 'sandbox',
  };
  const clientSettings = () => ({
    region: 'eu-west-3',
    endpoint: sandbox.url,
    credentials: prodCredentials,
    maxAttempts: 1,
  });

  it('has the production network: VPC by its environment tag and one available NAT gateway per zone', async () => {
    const ec2 = new EC2Client(clientSettings());
    const { Vpcs } = await ec2.send(
      new DescribeVpcsCommand({
        Filters: [{ Name: 'tag:environment', Values: ['production'] }],
      }),
    );
    expect(Vpcs?.map(vpc => vpc.CidrBlock)).toEqual(['10.30.0.0/16']);
    const { NatGateways } = await ec2.send(
      new DescribeNatGatewaysCommand({
        Filter: [{ Name: 'vpc-id', Values: [Vpcs![0].VpcId!] }],
      }),
    );
    expect(NatGateways?.map(nat => nat.State)).toEqual([
      'available',
      'available',
      'available',
    ]);
  });

  it('has the ACTIVE production cluster whose endpoint serves its nodes through the Kubernetes client', async () => {
    const eks = new EKSClient(clientSettings());
    const { cluster } = await eks.send(
      new DescribeClusterCommand({ name: 'dpj-prod-cluster' }),
    );
    expect(cluster).toMatchObject({
      status: 'ACTIVE',
      version: '1.35',
      endpoint: `${sandbox.context.kubernetesUrl}/k8s/333333333333/eu-west-3/dpj-prod-cluster`,
      resourcesVpcConfig: {
        endpointPublicAccess: false,
        endpointPrivateAccess: true,
      },
    });
    const { nodegroups } = await eks.send(
      new ListNodegroupsCommand({ clusterName: 'dpj-prod-cluster' }),
    );
    expect(nodegroups?.sort()).toEqual(['app-on-demand', 'app-spot', 'system']);

    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: 'prod',
          server: cluster!.endpoint!,
          caData: cluster!.certificateAuthority!.data!,
        },
      ],
      users: [{ name: 'platform', token: 'k8s-aws-v1.token' }],
      contexts: [{ name: 'prod', cluster: 'prod', user: 'platform' }],
      currentContext: 'prod',
    });
    const nodes = await kubeConfig.makeApiClient(CoreV1Api).listNode();
    // Desired sizes of the production preset: system 3, app-on-demand 3, app-spot 3.
    expect(nodes.items).toHaveLength(9);
  });

  it('bills 13 months of history for the production account', async () => {
    const ce = new CostExplorerClient({
      ...clientSettings(),
      region: 'us-east-1',
    });
    const today = new Date();
    const start = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 12, 1),
    );
    const response = await ce.send(
      new GetCostAndUsageCommand({
        TimePeriod: {
          Start: start.toISOString().slice(0, 10),
          End: today.toISOString().slice(0, 10),
        },
        Granularity: 'MONTHLY',
        Metrics: ['UnblendedCost'],
        Filter: { Tags: { Key: 'environment', Values: ['production'] } },
      }),
    );
    const months = response.ResultsByTime ?? [];
    expect(months.length).toBeGreaterThanOrEqual(13);
    for (const month of months.slice(0, 12)) {
      expect(Number(month.Total?.UnblendedCost?.Amount)).toBeGreaterThan(100);
    }
  });

  it('misses the 99.9% objective last month on staging only', async () => {
    const now = new Date();
    const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
    const previousStart = Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth() - 1,
      1,
    );
    const days = Math.round((monthStart - previousStart) / 86_400_000);
    const ratio = async (cluster: string) => {
      const query = async (matchers: string) => {
        const url = new URL(`${sandbox.url}/prometheus/api/v1/query`);
        url.searchParams.set(
          'query',
          `sum(increase(http_requests_total{${matchers}}[${days}d]))`,
        );
        url.searchParams.set('time', String(monthStart / 1000));
        const body = await (await fetch(url)).json();
        return Number(body.data.result[0].value[1]);
      };
      const total = await query(`cluster="${cluster}"`);
      const errors = await query(`cluster="${cluster}",code=~"5.."`);
      return 1 - errors / total;
    };
    expect(await ratio('dpj-staging-cluster')).toBeLessThan(0.999);
    expect(await ratio('dpj-prod-cluster')).toBeGreaterThan(0.999);
    expect(await ratio('dpj-dev-cluster')).toBeGreaterThan(0.999);
    // Integrating a month of per-minute samples takes seconds on a busy machine.
  }, 30_000);

  it('fails the next CreateNodegroup with a scripted InsufficientInstanceCapacity, logs calls and resets', async () => {
    const admin = (path: string, init?: RequestInit) =>
      fetch(`${sandbox.url}/_sandbox${path}`, init);
    await admin('/calls', { method: 'DELETE' });
    await admin('/faults', {
      method: 'PUT',
      body: JSON.stringify({
        scripted: [
          {
            service: 'eks',
            operation: 'CreateNodegroup',
            code: 'InsufficientInstanceCapacity',
            message:
              'We currently do not have sufficient c5.xlarge capacity in the Availability Zone you requested (eu-west-3a).',
          },
        ],
      }),
    });

    const eks = new EKSClient(clientSettings());
    await expect(
      eks.send(
        new CreateNodegroupCommand({
          clusterName: 'dpj-prod-cluster',
          nodegroupName: 'extra',
          nodeRole: 'arn:aws:iam::333333333333:role/dpj-prod-eks-node-role',
          subnets: [],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InsufficientInstanceCapacity' });

    const { calls } = await (await admin('/calls')).json();
    expect(calls).toEqual([
      expect.objectContaining({
        service: 'eks',
        operation: 'CreateNodegroup',
        status: 400,
        accountId: '333333333333',
      }),
    ]);

    await admin('/reset', { method: 'POST' });
    const { cluster } = await eks.send(
      new DescribeClusterCommand({ name: 'dpj-prod-cluster' }),
    );
    expect(cluster?.status).toBe('ACTIVE');
  });
});
