import {
  CreateClusterCommand,
  EKSClient,
  waitUntilClusterActive,
} from '@aws-sdk/client-eks';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { AWS_DURATIONS, SandboxClock } from '../../core/clock';
import { RunningSandbox, startSandbox, SandboxOptions } from '../../server';
import { iamService } from '../iam';
import { kmsService } from '../kms';
import { EksDependencies, SubnetFacts } from './deps';
import { eksStoreOf } from './eksStore';
import { createEksService } from '.';

/** Subnets every account sees in tests: three AZs of one VPC and a stray one in another VPC. */
export const FAKE_SUBNETS: SubnetFacts[] = [
  {
    id: 'subnet-0a0000000000000a1',
    vpcId: 'vpc-0a0000000000000a0',
    availabilityZone: 'eu-west-3a',
  },
  {
    id: 'subnet-0a0000000000000b1',
    vpcId: 'vpc-0a0000000000000a0',
    availabilityZone: 'eu-west-3b',
  },
  {
    id: 'subnet-0a0000000000000c1',
    vpcId: 'vpc-0a0000000000000a0',
    availabilityZone: 'eu-west-3c',
  },
  {
    id: 'subnet-0a0000000000000a2',
    vpcId: 'vpc-0a0000000000000a0',
    availabilityZone: 'eu-west-3a',
  },
  {
    id: 'subnet-0b0000000000000a1',
    vpcId: 'vpc-0b0000000000000b0',
    availabilityZone: 'eu-west-3b',
  },
];

export const PRIVATE_SUBNET_IDS = FAKE_SUBNETS.slice(0, 3).map(
  subnet => subnet.id,
);

export interface EksTestSandbox {
  sandbox: RunningSandbox;
  eks: EKSClient;
  iam: IAMClient;
  kms: KMSClient;
}

const CLIENT_CONFIG = {
  region: 'eu-west-3',
  credentials: { accessKeyId: 'AKIDSANDBOXDEV', secretAccessKey: 'x' },
  maxAttempts: 1,
};

/** A sandbox with IAM, KMS and EKS (on fake subnets), and real SDK clients for account 111111111111. */
export async function startEksTestSandbox(
  options: Pick<SandboxOptions, 'seed' | 'accounts'> = {},
  deps: Partial<EksDependencies> = {},
): Promise<EksTestSandbox> {
  const sandbox = await startSandbox({
    ...options,
    awsServices: [
      iamService,
      kmsService,
      createEksService({
        subnets: (_context, _accountId, _region, ids) =>
          FAKE_SUBNETS.filter(subnet => ids.includes(subnet.id)),
        ...deps,
      }),
    ],
    timeScale: 0.001,
  });
  const config = { ...CLIENT_CONFIG, endpoint: sandbox.url };
  return {
    sandbox,
    eks: new EKSClient(config),
    iam: new IAMClient(config),
    kms: new KMSClient(config),
  };
}

/** Waiter timing for a sandbox at timeScale 0.001: a cluster is ready in 0.6 s. */
export const FAST_WAITER = { minDelay: 0.1, maxDelay: 0.2, maxWaitTime: 10 };

export function trustPolicy(service: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
      },
    ],
  });
}

/** Creates the cluster role and a cluster on the fake subnets, and waits until it is ACTIVE. */
export async function createActiveCluster(
  t: EksTestSandbox,
  name: string,
  options: { bootstrapSelfManagedAddons?: boolean } = {},
): Promise<void> {
  const roleName = `${name}-role`;
  const role = await t.iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: trustPolicy('eks.amazonaws.com'),
    }),
  );
  await waitForIamPropagation(t);
  await t.eks.send(
    new CreateClusterCommand({
      name,
      roleArn: role.Role?.Arn,
      resourcesVpcConfig: { subnetIds: PRIVATE_SUBNET_IDS },
      ...options,
    }),
  );
  await waitUntilClusterActive({ client: t.eks, ...FAST_WAITER }, { name });
}

/** Waits until IAM changes made so far are visible to EKS (AWS_DURATIONS.iamPropagation). */
export async function waitForIamPropagation(t: EksTestSandbox): Promise<void> {
  const ms = t.sandbox.context.clock.scaledMillis(AWS_DURATIONS.iamPropagation);
  await new Promise(resolve => setTimeout(resolve, ms + 5));
}

/** Keeps a cluster in CREATING, to check what EKS refuses before a cluster is ready. */
export function holdInCreating(t: EksTestSandbox, name: string): void {
  const store = eksStoreOf(t.sandbox.context, '111111111111', 'eu-west-3');
  const stored = store.liveCluster(name, t.sandbox.context.clock.nowMillis());
  if (!stored) throw new Error(`no cluster ${name}`);
  stored.lifecycle.activeAt = Number.MAX_SAFE_INTEGER;
}

/** Stops the sandbox clock so states between two calls are certain; `advance` moves it on. */
export function freezeClock(t: EksTestSandbox): { advance(ms: number): void } {
  let now = t.sandbox.context.clock.nowMillis();
  t.sandbox.context.clock = new SandboxClock(
    t.sandbox.context.clock.timeScale,
    () => now,
  );
  return {
    advance(ms: number) {
      now += ms;
    },
  };
}
