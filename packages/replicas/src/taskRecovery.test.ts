/**
 * Kills the backend replica running a provisioning task mid-way (SIGKILL, while the
 * EKS cluster is being created) and checks that the other replica recovers the task
 * from PostgreSQL: it skips the completed network step, resumes the cluster step from
 * its checkpoints, finishes, and the sandbox account ends with exactly one of each
 * planned resource: no duplicate, no orphan.
 *
 * Needs PostgreSQL and Redis (scripts/local-services.sh; `yarn test:all` starts them).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defaultSandboxServices,
  RunningSandbox,
  startSandbox,
} from '@internal/aws-sandbox';
import {
  planEnvironment,
  presetFor,
} from '@internal/plugin-eks-platform-common';
import { ReplicaSet, startReplicaSet } from './replicaSet';
import { ServiceSettings, startLocalServices } from './services';
import {
  accountInventory,
  Inventory,
  inventoryDelta,
} from './__testUtils__/accountInventory';
import {
  sandboxConfig,
  signIn,
  taskEvents,
} from './__testUtils__/backstageApi';

jest.setTimeout(10 * 60_000);

const ENVIRONMENT = 'recovery-dev';
const DEV_ACCOUNT = {
  accessKeyId: 'AKIDSANDBOXDEV',
  region: 'eu-west-3',
};

let services: ServiceSettings | undefined;
let servicesError: unknown;
let sandbox: RunningSandbox;
let replicaSet: ReplicaSet | undefined;

beforeAll(async () => {
  try {
    services = await startLocalServices();
  } catch (error) {
    servicesError = error;
    return;
  }
  // 0.05: a cluster takes 30 s instead of 10 min, long enough to kill a replica in.
  sandbox = await startSandbox({
    port: 0,
    kubernetesPort: 0,
    timeScale: 0.05,
    ...defaultSandboxServices({ seed: true }),
  });
  replicaSet = await startReplicaSet({
    replicas: 2,
    services,
    logDir: await mkdtemp(join(tmpdir(), 'eks-recovery-')),
    config: {
      ...sandboxConfig(sandbox),
      // Quicker than production's 30 s, so the test waits less.
      scaffolder: { taskRecovery: { staleTimeout: { seconds: 5 } } },
    },
  });
}, 5 * 60_000);

afterAll(async () => {
  await replicaSet?.close();
  await sandbox?.close();
});

function expectedDelta(): Inventory {
  const spec = presetFor('dev', { name: ENVIRONMENT });
  const count = (type: string) =>
    planEnvironment(spec).filter(resource => resource.type === type).length;
  return {
    vpcs: count('AWS::EC2::VPC'),
    subnets: count('AWS::EC2::Subnet'),
    internetGateways: count('AWS::EC2::InternetGateway'),
    // AWS gives every VPC a main route table besides the planned ones.
    routeTables: count('AWS::EC2::RouteTable') + count('AWS::EC2::VPC'),
    // AWS gives every VPC a default security group, and EKS every cluster one.
    securityGroups: count('AWS::EC2::VPC') + count('AWS::EKS::Cluster'),
    elasticIps: count('AWS::EC2::EIP'),
    natGateways: count('AWS::EC2::NatGateway'),
    launchTemplates: count('AWS::EC2::LaunchTemplate'),
    clusters: count('AWS::EKS::Cluster'),
    nodegroups: count('AWS::EKS::Nodegroup'),
    addons: count('AWS::EKS::Addon'),
    roles: count('AWS::IAM::Role'),
    // One alias names the cluster's secrets key.
    kmsAliases: count('AWS::KMS::Key'),
  };
}

function templateValues() {
  const spec = presetFor('dev', { name: ENVIRONMENT });
  return {
    environment: 'dev',
    name: ENVIRONMENT,
    owner: 'group:default/platform-team',
    account: '111111111111',
    adminPrincipalArn: 'arn:aws:iam::111111111111:role/dpj-platform-team',
    flowLogDestinationArn: 'arn:aws:s3:::dpj-vpc-flow-logs',
    location: {
      region: spec.region,
      availabilityZones: spec.availabilityZones,
    },
    kubernetesVersion: spec.kubernetesVersion,
    network: {
      vpcCidr: spec.network.vpcCidr,
      publicSubnetCidrs: spec.network.publicSubnetCidrs,
      privateSubnetCidrs: spec.network.privateSubnetCidrs,
    },
    gitopsRepoUrl: 'https://github.com/dpj/gitops.git',
    argocdRoleArn: 'arn:aws:iam::111111111111:role/argocd-manager',
    argocdMode: 'api',
    argocdInstance: 'sandbox',
  };
}

async function sandboxCalls(): Promise<
  { service: string; operation: string; status: number }[]
> {
  const response = await fetch(`${sandbox.url}/_sandbox/calls`);
  return (await response.json()).calls;
}

it('recovers a provisioning task on another replica when its replica is killed', async () => {
  if (!services || !replicaSet) {
    if (process.env.EKS_PLATFORM_REQUIRE_SERVICES) throw servicesError;
    // eslint-disable-next-line no-console
    console.warn(
      `skipped: PostgreSQL and Redis are not available (${servicesError})`,
    );
    return;
  }
  const api = replicaSet.url;
  const token = await signIn(api, 'alice.martin');
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  };
  const before = await accountInventory({
    endpoint: sandbox.url,
    ...DEV_ACCOUNT,
  });

  // The template reaches the catalog from its file location shortly after start.
  let created: Response | undefined;
  for (let attempt = 0; attempt < 60; attempt++) {
    created = await fetch(`${api}/api/scaffolder/v2/tasks`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        templateRef: 'template:default/eks-environment',
        values: templateValues(),
      }),
    });
    if (created.status !== 404) break;
    await sleep(2_000);
  }
  expect(created?.status).toBe(201);
  const { id: taskId } = await created!.json();

  // Mid-way: the cluster was requested and is still CREATING.
  const deadline = Date.now() + 3 * 60_000;
  while (
    !(await sandboxCalls()).some(
      call => call.operation === 'CreateCluster' && call.status === 200,
    )
  ) {
    expect(Date.now()).toBeLessThan(deadline);
    await sleep(250);
  }
  const runs = (text: string) =>
    text
      .split('\n')
      .some(
        line =>
          line.includes(taskId) &&
          line.includes('execution') &&
          line.includes('initiated'),
      );
  const running = replicaSet.replicas.filter(replica => runs(replica.output));
  expect(running).toHaveLength(1);
  const [victim] = running;
  const survivor = replicaSet.replicas.find(replica => replica !== victim)!;
  await victim.kill();

  // The survivor claims the task once its heartbeat is stale, and finishes it.
  let status = 'processing';
  const finishBy = Date.now() + 6 * 60_000;
  while (!['completed', 'failed', 'cancelled'].includes(status)) {
    expect(Date.now()).toBeLessThan(finishBy);
    await sleep(2_000);
    const task = await fetch(`${api}/api/scaffolder/v2/tasks/${taskId}`, {
      headers,
    });
    status = (await task.json()).status;
  }
  const messages = (await taskEvents(api, token, taskId)).map(
    event => event.body.message ?? '',
  );
  expect({ status, tail: messages.slice(-5) }).toEqual({
    status: 'completed',
    tail: expect.any(Array),
  });
  expect(runs(survivor.output)).toBe(true);
  expect(messages).toContain(
    'Skipping step network because it was already completed in a previous run',
  );

  // Each resource exists once, and nothing else was left behind.
  const after = await accountInventory({
    endpoint: sandbox.url,
    ...DEV_ACCOUNT,
  });
  expect(inventoryDelta(before, after)).toEqual(expectedDelta());
  const createdClusters = (await sandboxCalls()).filter(
    call => call.operation === 'CreateCluster' && call.status === 200,
  );
  expect(createdClusters).toHaveLength(1);
});
