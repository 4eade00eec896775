/**
 * Runs provisioning actions against the AWS sandbox through the real SDK: the sandbox on an
 * ephemeral port, the `aws.accounts` and `eksPlatform.aws.endpoint` config pointing at it,
 * a checkpoint store that persists across runs of one task like the scaffolder's task
 * state does, and the sandbox's call log and fault injection. Tests only.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';
import {
  CallRecord,
  DEFAULT_SANDBOX_ACCOUNTS,
  defaultSandboxServices,
  FaultSettings,
  RunningSandbox,
  ScriptedFault,
  startSandbox,
} from '@internal/aws-sandbox';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import type { WaitSettings } from '../shared/waiting';
import { CheckpointStore } from './checkpointStore';

export { CheckpointStore };

/** The day Kubernetes versions are checked on: 1.34 and 1.35 are in standard support. */
export const TODAY = new Date('2026-11-26T12:00:00Z');

/** NAT gateways take 120 ms at timeScale 0.001: poll every few milliseconds. */
export const FAST_WAITS: WaitSettings = {
  maxWaitTimeSeconds: 20,
  minDelaySeconds: 0.02,
  maxDelaySeconds: 0.05,
  progressIntervalSeconds: 0.01,
};

const ACCESS_KEYS = Object.fromEntries(
  Object.entries(DEFAULT_SANDBOX_ACCOUNTS).map(([key, account]) => [
    account,
    key,
  ]),
);

export const MUTATING_PREFIXES = [
  'Create',
  'Delete',
  'Modify',
  'Allocate',
  'Release',
  'Associate',
  'Disassociate',
  'Attach',
  'Detach',
  'Revoke',
  'Authorize',
  'Replace',
];

export function isMutating(operation: string): boolean {
  return MUTATING_PREFIXES.some(prefix => operation.startsWith(prefix));
}

export interface SandboxActionFixture {
  readonly sandbox: RunningSandbox;
  readonly aws: AwsClientFactory;
  /** Back to an empty sandbox: no resources, no faults, empty call log. */
  reset(): Promise<void>;
  calls(): Promise<CallRecord[]>;
  clearCalls(): Promise<void>;
  faults(body: {
    settings?: Partial<FaultSettings>;
    seed?: number;
    scripted?: ScriptedFault[];
  }): Promise<void>;
  /** An EC2 client of the test's own, for assertions (not counted if calls are cleared after). */
  ec2(account: string, region?: string): EC2Client;
  /**
   * Applies Ingresses and PersistentVolumeClaims to a cluster, as its users would; the
   * sandbox's controllers then make load balancers and volumes in AWS.
   */
  applyWorkloads(body: {
    accountId: string;
    clusterName: string;
    ingresses?: {
      namespace: string;
      name: string;
      scheme: 'internet-facing' | 'internal';
      serviceName: string;
      servicePort: number;
    }[];
    volumeClaims?: { namespace: string; name: string; sizeGiB: number }[];
  }): Promise<{
    deployed: Record<string, unknown>;
    /** What nothing provisioned (e.g. a controller without credentials), and why. */
    pending: { object: string; reason: string }[];
  }>;
}

/**
 * Starts the sandbox before the tests of the enclosing describe block and stops it after.
 * At the default time scale a NAT gateway becomes available (or fails) in 120 ms.
 */
export function useSandboxActionFixture(
  /** `seed`: start with the three DPJ environments the sandbox seeds. */
  options: { timeScale?: number; seed?: boolean } = {},
): SandboxActionFixture {
  const state = {} as { sandbox: RunningSandbox; aws: AwsClientFactory };
  const clients: EC2Client[] = [];
  beforeAll(async () => {
    state.sandbox = await startSandbox({
      port: 0,
      timeScale: options.timeScale ?? 0.001,
      accounts: DEFAULT_SANDBOX_ACCOUNTS,
      ...defaultSandboxServices({ seed: options.seed ?? false }),
    });
    state.aws = AwsClientFactory.fromConfig(
      mockServices.rootConfig({
        data: {
          aws: {
            accounts: Object.entries(DEFAULT_SANDBOX_ACCOUNTS).map(
              ([accessKeyId, accountId]) => ({
                accountId,
                accessKeyId,
                secretAccessKey: 'sandbox',
              }),
            ),
          },
          eksPlatform: { aws: { endpoint: state.sandbox.url } },
        },
      }),
    );
  });
  afterAll(async () => {
    clients.forEach(client => client.destroy());
    await state.sandbox?.close();
  });
  const admin = (path: string, init?: RequestInit) =>
    fetch(`${state.sandbox.url}/_sandbox${path}`, init);
  return {
    get sandbox() {
      return state.sandbox;
    },
    get aws() {
      return state.aws;
    },
    async reset() {
      await admin('/reset', { method: 'POST' });
    },
    async calls() {
      const response = await admin('/calls');
      return ((await response.json()) as { calls: CallRecord[] }).calls;
    },
    async clearCalls() {
      await admin('/calls', { method: 'DELETE' });
    },
    async faults(body) {
      const response = await admin('/faults', {
        method: 'PUT',
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(await response.text());
    },
    async applyWorkloads(body) {
      const response = await admin('/workloads', {
        method: 'PUT',
        body: JSON.stringify({ region: 'eu-west-3', ...body }),
      });
      if (!response.ok) throw new Error(await response.text());
      return response.json();
    },
    ec2(account, region = 'eu-west-3') {
      const client = new EC2Client({
        region,
        endpoint: state.sandbox.url,
        credentials: {
          accessKeyId: ACCESS_KEYS[account],
          secretAccessKey: 'sandbox',
        },
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
  };
}

/**
 * An action context for one run of a task: `createMockActionContext` with the fields it
 * does not take (checkpoint, isDryRun, signal) set on top.
 */
export function actionContext<TInput extends JsonObject>(options: {
  input: TInput;
  taskId?: string;
  checkpoints?: CheckpointStore;
  isDryRun?: boolean;
  logger?: LoggerService;
}): ActionContext<TInput, any> & { logger: jest.Mocked<LoggerService> } {
  const logger = (options.logger ??
    mockServices.logger.mock()) as jest.Mocked<LoggerService>;
  const context = createMockActionContext<TInput, any>({
    input: options.input,
    task: { id: options.taskId ?? 'task-1' },
    logger,
  });
  const checkpoints = options.checkpoints ?? new CheckpointStore();
  return {
    ...context,
    logger,
    checkpoint: checkpoints.checkpoint,
    isDryRun: options.isDryRun ?? false,
  } as ActionContext<TInput, any> & { logger: jest.Mocked<LoggerService> };
}

/** Every message the action logged at `level`. */
export function logLines(
  logger: jest.Mocked<LoggerService>,
  level: 'info' | 'warn' = 'info',
): string[] {
  return logger[level].mock.calls.map(([message]) => String(message));
}

/** The value the action gave to `ctx.output(name, …)`. */
export function outputOf(context: { output: unknown }, name: string): any {
  const calls = (context.output as jest.Mock).mock.calls;
  const call = calls.find(([key]) => key === name);
  if (!call) throw new Error(`no output ${name}`);
  return call[1];
}
