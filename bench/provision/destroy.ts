/**
 * The destroy line of the provisioning benchmark: once the production environment runs,
 * its cluster's controllers are given workloads (an internet-facing Ingress and two
 * PersistentVolumeClaims), so that it holds what Kubernetes makes in AWS (a load balancer,
 * its target group and security groups, two volumes); then `eks-platform:environment:destroy`
 * runs, and again. Prints its wall time against its own critical path, its calls, and what
 * is left of the environment afterwards.
 */
import {
  DescribeAddressesCommand,
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVolumesCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { EKSClient, ListClustersCommand } from '@aws-sdk/client-eks';
import type { JsonValue } from '@backstage/types';
import type { RunningSandbox } from '@internal/aws-sandbox';
import { ENVIRONMENT_PRESETS } from '@internal/plugin-eks-platform-common';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { AWS_DURATIONS } from '../../packages/aws-sandbox/src/core/clock';
import {
  CheckpointStore,
  isMutating,
  TODAY,
} from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/__testUtils__/sandboxActionFixture';
import { testGuard } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/__testUtils__/testGuard';
import { createEnvironmentDestroyAction } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/destroy';
import type { WaitSettings } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/shared/waiting';
import {
  BenchLogger,
  criticalPath,
  GraphNode,
  runAction,
  waitsIn,
} from './support';

const PRESET = ENVIRONMENT_PRESETS.production;
const CLUSTER = `${PRESET.name}-cluster`;

/** What destroy waits for, in AWS seconds, phase after phase as the action runs them. */
const DESTROY_GRAPH: GraphNode<'destroy'>[] = [
  {
    id: 'after-nodes add-ons',
    awsSeconds: AWS_DURATIONS.addonDelete,
    after: [],
  },
  {
    id: 'node groups',
    awsSeconds: AWS_DURATIONS.nodegroupDelete,
    after: ['after-nodes add-ons'],
  },
  {
    id: 'cluster',
    awsSeconds: AWS_DURATIONS.clusterDelete,
    after: ['node groups'],
  },
  { id: 'KMS key, IAM roles', awsSeconds: 0, after: ['cluster'] },
  {
    id: 'load balancer interfaces released',
    awsSeconds: AWS_DURATIONS.loadBalancerEniRelease,
    after: ['cluster'],
  },
  { id: 'route tables', awsSeconds: 0, after: ['cluster'] },
  {
    id: 'NAT gateways',
    awsSeconds: AWS_DURATIONS.natGatewayDelete,
    after: ['route tables'],
  },
  {
    id: 'subnets, gateways, groups',
    awsSeconds: 0,
    after: ['load balancer interfaces released', 'NAT gateways'],
  },
  { id: 'VPC', awsSeconds: 0, after: ['subnets, gateways, groups'] },
].map(n => ({ ...n, action: 'destroy' as const }));

const WORKLOADS = {
  ingresses: [
    {
      namespace: 'shop',
      name: 'storefront',
      scheme: 'internet-facing',
      serviceName: 'storefront',
      servicePort: 8080,
    },
  ],
  volumeClaims: [
    { namespace: 'shop', name: 'data-postgres-0', sizeGiB: 20 },
    { namespace: 'monitoring', name: 'prometheus-db-0', sizeGiB: 50 },
  ],
};

/** What is left in the account of the environment and of what its cluster made. */
async function leftovers(
  aws: Pick<AwsClientFactory, 'create'>,
  target: { accountId: string; region: string },
): Promise<Record<string, number>> {
  const [ec2, elbv2, eks] = await Promise.all([
    aws.create(EC2Client, target),
    aws.create(ElasticLoadBalancingV2Client, target),
    aws.create(EKSClient, target),
  ]);
  const tagged = [
    { Name: 'tag:eks-platform:environment-name', Values: [PRESET.name] },
  ];
  try {
    const vpcs = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    const ours = vpcs.filter(v => !v.IsDefault).map(v => v.VpcId!);
    return {
      'VPCs (not default)': ours.length,
      subnets: (
        (await ec2.send(new DescribeSubnetsCommand({ Filters: tagged })))
          .Subnets ?? []
      ).length,
      'security groups in them': ours.length
        ? (
            (
              await ec2.send(
                new DescribeSecurityGroupsCommand({
                  Filters: [{ Name: 'vpc-id', Values: ours }],
                }),
              )
            ).SecurityGroups ?? []
          ).length
        : 0,
      'NAT gateways': (
        (await ec2.send(new DescribeNatGatewaysCommand({ Filter: tagged })))
          .NatGateways ?? []
      ).filter(n => !['deleted', 'deleting'].includes(n.State ?? '')).length,
      'Elastic IPs': (
        (await ec2.send(new DescribeAddressesCommand({ Filters: tagged })))
          .Addresses ?? []
      ).length,
      'internet gateways': (
        (
          await ec2.send(
            new DescribeInternetGatewaysCommand({ Filters: tagged }),
          )
        ).InternetGateways ?? []
      ).length,
      'EKS clusters': (
        (await eks.send(new ListClustersCommand({}))).clusters ?? []
      ).length,
      'load balancers': (
        (await elbv2.send(new DescribeLoadBalancersCommand({})))
          .LoadBalancers ?? []
      ).length,
      'target groups': (
        (await elbv2.send(new DescribeTargetGroupsCommand({}))).TargetGroups ??
        []
      ).length,
      'volumes of the cluster': (
        (
          await ec2.send(
            new DescribeVolumesCommand({
              Filters: [
                {
                  Name: `tag:kubernetes.io/cluster/${CLUSTER}`,
                  Values: ['owned'],
                },
              ],
            }),
          )
        ).Volumes ?? []
      ).length,
    };
  } finally {
    [ec2, elbv2, eks].forEach(c => c.destroy());
  }
}

const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((a, b) => a + b, 0);

export async function benchDestroy(options: {
  sandbox: RunningSandbox;
  aws: AwsClientFactory;
  environment: { account: string; region: string } & Record<string, JsonValue>;
  timeScale: number;
  waitSettings: WaitSettings;
  verbose: boolean;
  workspace: string;
}): Promise<string[]> {
  const { sandbox, aws, environment, timeScale } = options;
  const target = { accountId: environment.account, region: environment.region };
  const s = (ms: number) => (ms / 1000).toFixed(2);

  // The controllers have the roles the cluster step made them (EKS Pod Identity).
  let pending: { object: string; reason: string }[] = [];
  for (let attempt = 0; attempt < 40; attempt++) {
    // IAM propagation: the controllers see their roles a few AWS seconds later.
    await new Promise(r =>
      setTimeout(r, AWS_DURATIONS.iamPropagation * timeScale * 1000),
    );
    const response = await fetch(`${sandbox.url}/_sandbox/workloads`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...target, clusterName: CLUSTER, ...WORKLOADS }),
    });
    ({ pending } = await response.json());
    if (pending.length === 0) break;
  }
  const before = await leftovers(aws, target);

  const action = createEnvironmentDestroyAction({
    aws,
    guard: testGuard(aws),
    now: () => TODAY,
    waitSettings: options.waitSettings,
  });
  const run = async (checkpoints: CheckpointStore) => {
    const logger = new BenchLogger(options.verbose);
    sandbox.calls.clear();
    const startMs = performance.now();
    const outputs = await runAction(action, {
      input: { ...environment, confirmEnvironmentName: PRESET.name },
      taskId: 'bench-destroy',
      logger,
      workspace: options.workspace,
      checkpoints,
    });
    const endMs = performance.now();
    const calls = sandbox.calls.list();
    return {
      wallMs: endMs - startMs,
      ...waitsIn(logger.lines, startMs, endMs),
      phases: logger.lines
        .map(l =>
          /^Phase \d\/3 (\w+) done: (\d+) resource\(s\) deleted in ([\d.]+)s/.exec(
            l.message,
          ),
        )
        .filter((m): m is RegExpExecArray => m !== null)
        .map(m => `${m[1]} ${m[2]} in ${m[3]} s`),
      deleted: (outputs.deleted as unknown[]).length,
      mutating: calls.filter(c => isMutating(c.operation)).length,
      reads: calls.filter(c => !isMutating(c.operation)).length,
    };
  };
  const first = await run(new CheckpointStore());
  const after = await leftovers(aws, target);
  // A new task, so that it starts from what AWS lists rather than from checkpoints.
  const again = await run(new CheckpointStore());

  const path = criticalPath(DESTROY_GRAPH);
  const pathMs = path.awsSeconds * timeScale * 1000;
  const out = [
    '',
    `Destroy of the same environment, after its cluster made ${
      before['load balancers']
    } load balancer(s), ${before['target groups']} target group(s) and ${
      before['volumes of the cluster']
    } volume(s)${
      pending.length
        ? ` (left pending: ${pending.map(p => p.object).join(', ')})`
        : ''
    }:`,
    `  critical path: ${path.nodes
      .filter(n => n.awsSeconds > 0)
      .map(n => `${n.id} ${n.awsSeconds}`)
      .join(' → ')} = ${path.awsSeconds} AWS s = ${s(pathMs)} s`,
    `  wall ${s(first.wallMs)} s (in waits ${s(
      first.waitingMs,
    )} s); phases: ${first.phases.join(', ')}`,
    `  ${first.deleted} resources deleted, ${first.mutating} mutating calls, ${first.reads} read/poll`,
    `  destroy wall ÷ its critical path: ${(first.wallMs / pathMs).toFixed(3)}`,
    `  left afterwards: ${total(after)} (${Object.entries(after)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')})`,
    `  destroy again: wall ${s(again.wallMs)} s, ${again.deleted} deleted, ${
      again.mutating
    } mutating calls, ${again.reads} reads`,
  ];
  for (const wait of first.waits)
    out.push(`    ${s(wait.ms).padStart(6)} s  ${wait.what}`);
  return out;
}
