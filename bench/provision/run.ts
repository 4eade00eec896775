/**
 * Provisioning the production preset against the sandbox, with AWS's lifecycle durations
 * scaled down: network:create (not waiting for its NAT gateways, as the template runs it)
 * → cluster:create → nodegroup:create, outputs passed along as the template does. Prints
 * wall time against the critical path of the dependency graph, the mutating and read/poll
 * calls per action, where the time beyond the critical path went, and a rerun of the same
 * task; then the destroy of the environment once its cluster made load balancers and
 * volumes (`destroy.ts`), and the same provisioning again under throttling, 5xx answers and
 * lost answers (`faults.ts`). Loopback only; exits by itself; no assertions.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/provision/run.ts \
 *     [--time-scale 0.02] [--poll 0.25] [--verbose] [--wait-for-nat-gateways]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fn } from 'jest-mock';
import { sandboxAws } from '../shared/sandboxAws';
import type { JsonObject, JsonValue } from '@backstage/types';
import {
  CallRecord,
  DEFAULT_SANDBOX_ACCOUNTS,
  defaultSandboxServices,
  startSandbox,
} from '@internal/aws-sandbox';
import { ENVIRONMENT_PRESETS } from '@internal/plugin-eks-platform-common';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { benchDestroy } from './destroy';
import { ACTION_IDS, ACTIONS, ActionName, GRAPH } from './provisionGraph';
import { benchFaults } from './faults';
import { withScaledRetries } from './scaledRetries';
import { DEFAULT_NOT_FOUND_DELAYS_MS } from '../../plugins/scaffolder-backend-module-eks-platform/src/engine/knownErrors';
import { BenchLogger, criticalPath, runAction, waitsIn } from './support';
// The durations the sandbox gives each lifecycle transition, before scaling.
import { AWS_DURATIONS } from '../../packages/aws-sandbox/src/core/clock';
import {
  CheckpointStore,
  isMutating,
  TODAY,
} from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/__testUtils__/sandboxActionFixture';
import { createClusterCreateAction } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/cluster';
import { createNetworkCreateAction } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/network';
import { createNodegroupsCreateAction } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/nodegroup';
import { testGuard } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/__testUtils__/testGuard';
import type { WaitSettings } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/shared/waiting';

// createMockActionContext and the mock logger it builds call jest.fn(): outside Jest, the
// same mock functions come from jest-mock.
(globalThis as { jest?: unknown }).jest ??= { fn };

const ACCOUNT = '333333333333';
const REGION = 'eu-west-3';
const TASK_ID = 'bench-provision';
const PRESET = ENVIRONMENT_PRESETS.production;

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!(value > 0)) throw new Error(`--${name} needs a positive number`);
  return value;
}

// ---------------------------------------------------------------------------------------
// Running the actions.
// ---------------------------------------------------------------------------------------

interface ActionRun {
  name: ActionName;
  wallMs: number;
  startMs: number;
  /** Time inside waitWithProgress waits (their union), from the log. */
  waitingMs: number;
  waits: { what: string; ms: number }[];
  calls: CallRecord[];
  outputs: Record<string, JsonValue>;
}

async function main() {
  const timeScale = flag('time-scale', 0.02);
  const pollSeconds = flag('poll', 0.25);
  const verbose = process.argv.includes('--verbose');
  // The network step as it ran before: waiting for its NAT gateways, ahead of the cluster.
  const waitForNatGateways = process.argv.includes('--wait-for-nat-gateways');
  const scaled = (awsSeconds: number) => awsSeconds * timeScale;

  const sandbox = await startSandbox({
    port: 0,
    kubernetesPort: 0,
    timeScale,
    accounts: DEFAULT_SANDBOX_ACCOUNTS,
    ...defaultSandboxServices({ seed: false }),
  });
  const workspace = mkdtempSync(join(tmpdir(), 'bench-provision-'));
  try {
    const aws = sandboxAws(sandbox.url);
    // Every wait polls at one fixed interval (the SDK waiter's first check is immediate).
    const waitSettings: WaitSettings = {
      maxWaitTimeSeconds: Math.max(60, scaled(1800) * 2),
      minDelaySeconds: pollSeconds,
      maxDelaySeconds: pollSeconds,
      progressIntervalSeconds: Math.max(1, scaled(30)),
    };
    let runningTask = TASK_ID;
    const actionsWith = (factory: Pick<AwsClientFactory, 'create'>) => {
      // The real guard (existing environment, lease) with a policy that allows the run,
      // on the same clients; only the task running now holds the environment's lease.
      const guard = testGuard(factory, {
        isTaskActive: async taskId => taskId === runningTask,
      });
      const options = { aws: factory, guard, now: () => TODAY, waitSettings };
      return {
        // EC2's eventual consistency lasts AWS seconds: the retries' delays scale too.
        network: createNetworkCreateAction({
          ...options,
          notFoundRetryDelaysMs: DEFAULT_NOT_FOUND_DELAYS_MS.map(
            ms => ms * timeScale,
          ),
        }),
        cluster: createClusterCreateAction(options),
        nodegroup: createNodegroupsCreateAction(options),
      };
    };
    const actions = actionsWith(aws);
    const environment = {
      environment: 'production' as const,
      owner: 'group:default/platform-team',
      account: ACCOUNT,
      region: REGION,
    };
    const inputs: Record<
      ActionName,
      (previous: Partial<Record<ActionName, ActionRun>>) => JsonObject
    > = {
      network: () => ({
        ...environment,
        flowLogDestinationArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/dpj/vpc-flow-logs`,
        flowLogDeliveryRoleArn: `arn:aws:iam::${ACCOUNT}:role/dpj-vpc-flow-logs`,
        waitForNatGateways,
      }),
      cluster: previous => ({
        ...environment,
        privateSubnetIds: previous.network!.outputs.privateSubnetIds,
        adminPrincipalArn: `arn:aws:iam::${ACCOUNT}:role/dpj-platform-team`,
        argocdRoleArn: `arn:aws:iam::${ACCOUNT}:role/argocd-manager`,
      }),
      nodegroup: previous => ({
        ...environment,
        clusterName: previous.cluster!.outputs.clusterName,
        nodeRoleArn: previous.cluster!.outputs.nodeRoleArn,
        privateSubnetIds: previous.network!.outputs.privateSubnetIds,
      }),
    };

    /** One run of the task: the three steps in order, on the task's checkpoints. */
    const runTask = async (
      checkpoints: CheckpointStore,
      taskId = TASK_ID,
      steps = actions,
    ) => {
      runningTask = taskId;
      const logger = new BenchLogger(verbose);
      const runs: Partial<Record<ActionName, ActionRun>> = {};
      const taskStart = performance.now();
      for (const name of ACTIONS) {
        sandbox.calls.clear();
        const startMs = performance.now();
        if (verbose) {
          console.log(`${ACTION_IDS[name]} at ${(startMs / 1000).toFixed(3)}:`);
        }
        const outputs = await runAction(steps[name], {
          input: inputs[name](runs),
          taskId,
          logger,
          workspace,
          checkpoints,
        });
        const endMs = performance.now();
        runs[name] = {
          name,
          startMs,
          wallMs: endMs - startMs,
          ...waitsIn(logger.lines, startMs, endMs),
          calls: sandbox.calls.list(),
          outputs,
        };
      }
      return {
        runs: runs as Record<ActionName, ActionRun>,
        wallMs: performance.now() - taskStart,
      };
    };

    const checkpoints = new CheckpointStore();
    const first = await runTask(checkpoints);
    const rerun = await runTask(checkpoints);

    // ---------------------------------------------------------------- report
    const path = criticalPath(GRAPH);
    const pathMs = scaled(path.awsSeconds) * 1000;
    const onPath = (name: ActionName) =>
      scaled(
        path.nodes
          .filter(n => n.action === name)
          .reduce((sum, n) => sum + n.awsSeconds, 0),
      ) * 1000;
    const s = (ms: number) => (ms / 1000).toFixed(2);
    const count = (calls: CallRecord[], mutating: boolean) =>
      calls.filter(c => isMutating(c.operation) === mutating).length;

    const out: string[] = [];
    out.push(
      `Production preset (${PRESET.name}, ${ACCOUNT}/${REGION}, ${PRESET.nodeGroups.length} node groups) on the sandbox, timeScale ${timeScale}`,
      `Poll interval ${pollSeconds}s (minDelay = maxDelay; first check at once); network:create with waitForNatGateways: ${waitForNatGateways}`,
      '',
      'Dependency graph (AWS s; 0 = API calls only):',
    );
    for (const node of GRAPH) {
      out.push(
        `  ${node.id.padEnd(28)} ${String(node.awsSeconds).padStart(4)}  ${
          ACTION_IDS[node.action]
        }${node.after.length ? `  after ${node.after.join(', ')}` : ''}`,
      );
    }
    out.push(
      '',
      `Critical path: ${path.nodes
        .filter(n => n.awsSeconds > 0)
        .map(n => `${n.id} ${n.awsSeconds}`)
        .join(' → ')} = ${path.awsSeconds} AWS s × ${timeScale} = ${s(
        pathMs,
      )} s`,
      `  (full: ${path.nodes.map(n => n.id).join(' → ')})`,
      `  off the path: NAT gateways available ${AWS_DURATIONS.natGatewayCreate} AWS s, alongside the cluster`,
      '',
      'action             wall s  on path s  slack s  = in waits s  + outside waits s  mutating  read/poll',
    );
    let totalCalls: CallRecord[] = [];
    for (const name of ACTIONS) {
      const run = first.runs[name];
      const share = onPath(name);
      totalCalls = [...totalCalls, ...run.calls];
      out.push(
        [
          ACTION_IDS[name].padEnd(17),
          s(run.wallMs).padStart(7),
          s(share).padStart(10),
          s(run.wallMs - share).padStart(8),
          s(run.waitingMs - share).padStart(12),
          s(run.wallMs - run.waitingMs).padStart(18),
          String(count(run.calls, true)).padStart(9),
          String(count(run.calls, false)).padStart(10),
        ].join(' '),
      );
    }
    const actionsMs = ACTIONS.reduce((sum, n) => sum + first.runs[n].wallMs, 0);
    out.push(
      [
        'between actions'.padEnd(17),
        s(first.wallMs - actionsMs).padStart(7),
        s(0).padStart(10),
        s(first.wallMs - actionsMs).padStart(8),
      ].join(' '),
      [
        'total'.padEnd(17),
        s(first.wallMs).padStart(7),
        s(pathMs).padStart(10),
        s(first.wallMs - pathMs).padStart(8),
        s(
          ACTIONS.reduce(
            (sum, n) => sum + first.runs[n].waitingMs - onPath(n),
            0,
          ),
        ).padStart(12),
        s(
          first.wallMs -
            ACTIONS.reduce((sum, n) => sum + first.runs[n].waitingMs, 0),
        ).padStart(18),
        String(count(totalCalls, true)).padStart(9),
        String(count(totalCalls, false)).padStart(10),
      ].join(' '),
    );
    const unclassed = totalCalls.filter(
      c =>
        !isMutating(c.operation) && !/^(Describe|List|Get)/.test(c.operation),
    );
    if (unclassed.length) {
      const byOperation = new Map<string, number>();
      unclassed.forEach(c =>
        byOperation.set(c.operation, (byOperation.get(c.operation) ?? 0) + 1),
      );
      out.push(
        `  (read/poll counts what isMutating does not class as mutating; that includes ${[
          ...byOperation,
        ]
          .map(([operation, n]) => `${operation} ×${n}`)
          .join(', ')})`,
      );
    }
    out.push(
      '',
      `wall ÷ critical path: ${(first.wallMs / pathMs).toFixed(
        3,
      )} (target ≤ 1.05)`,
      '',
      'Waits (from the actions’ logs; each includes up to one poll interval past the transition):',
    );
    for (const name of ACTIONS) {
      for (const wait of first.runs[name].waits) {
        out.push(
          `  ${ACTION_IDS[name].padEnd(17)} ${s(wait.ms).padStart(6)} s  ${
            wait.what
          }`,
        );
      }
    }
    const rerunCalls = ACTIONS.flatMap(n => rerun.runs[n].calls);
    const rerunOther = rerunCalls.filter(
      c =>
        !isMutating(c.operation) && !/^(Describe|List|Get)/.test(c.operation),
    ).length;
    out.push(
      '',
      `Rerun of the same task (same checkpoints): wall ${s(
        rerun.wallMs,
      )} s (${ACTIONS.map(
        n => `${ACTION_IDS[n]} ${s(rerun.runs[n].wallMs)}`,
      ).join(', ')}), mutating calls ${count(rerunCalls, true)}${
        rerunOther ? ` (plus ${rerunOther} other non-read calls)` : ''
      }, read calls ${count(rerunCalls, false) - rerunOther}`,
    );
    out.push(
      ...(await benchDestroy({
        sandbox,
        aws,
        environment,
        timeScale,
        waitSettings,
        verbose,
        workspace,
      })),
    );
    out.push(
      ...(await benchFaults({
        sandbox,
        aws,
        spec: { ...PRESET, account: ACCOUNT, region: REGION },
        pathMs,
        // The SDK's retry backoff scaled like AWS's durations (scaledRetries.ts).
        runTask: store =>
          runTask(
            store,
            `${TASK_ID}-faults`,
            actionsWith(withScaledRetries(aws, timeScale)),
          ),
      })),
    );
    console.log(out.join('\n'));
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    await sandbox.close();
  }
}

main()
  .catch(error => {
    console.error(error);
    process.exitCode = 1;
  })
  // The actions' SDK clients keep sockets open and the guard its database: end here.
  .finally(() => process.exit());
