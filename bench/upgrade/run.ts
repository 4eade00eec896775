/**
 * Upgrading the seeded production environment (Kubernetes 1.35 → 1.36) against the
 * sandbox, with AWS's durations scaled down: the pre-checks, the control plane, the
 * add-ons (networking first, then the rest), the node groups' rolling updates. Prints wall
 * time against the critical path (control plane + each add-on batch + the slowest node
 * group roll), the mutating and read calls, and a rerun of the same task. Loopback only;
 * exits by itself; no assertions.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/upgrade/run.ts \
 *     [--time-scale 0.02] [--poll 0.25]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fn } from 'jest-mock';
import { sandboxAws } from '../shared/sandboxAws';
import {
  CallRecord,
  DEFAULT_SANDBOX_ACCOUNTS,
  defaultSandboxServices,
  startSandbox,
} from '@internal/aws-sandbox';
import { DPJ_ENVIRONMENTS } from '../../packages/aws-sandbox/src/seed/dpjEnvironments';
import { CONTROL_PLANE_UPDATE_SECONDS } from '../../packages/aws-sandbox/src/services/eks/upgradeHandlers';
import {
  ADDON_UPDATE_SECONDS,
  NODE_ROLL_SECONDS,
} from '../../packages/aws-sandbox/src/services/eks/rollingUpdateHandlers';
import {
  CheckpointStore,
  TODAY,
} from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/__testUtils__/sandboxActionFixture';
import { testGuard } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/__testUtils__/testGuard';
import { createUpgradeClusterAction } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/upgrade';
import { NETWORKING_ADDONS } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/upgrade/upgradeChecks';
import type { WaitSettings } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/shared/waiting';
import { BenchLogger, runAction } from '../provision/support';

(globalThis as { jest?: unknown }).jest ??= { fn };

const TASK_ID = 'bench-upgrade';
const UPDATES = new Set([
  'UpdateClusterVersion',
  'UpdateAddon',
  'UpdateNodegroupVersion',
]);

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  if (index < 0) return fallback;
  const value = Number(process.argv[index + 1]);
  if (!(value > 0)) throw new Error(`--${name} needs a positive number`);
  return value;
}

async function main() {
  const timeScale = flag('time-scale', 0.02);
  const pollSeconds = flag('poll', 0.25);
  const sandbox = await startSandbox({
    port: 0,
    kubernetesPort: 0,
    timeScale,
    accounts: DEFAULT_SANDBOX_ACCOUNTS,
    ...defaultSandboxServices({ seed: true }),
  });
  const workspace = mkdtempSync(join(tmpdir(), 'bench-upgrade-'));
  try {
    const aws = sandboxAws(sandbox.url);
    const waitSettings: WaitSettings = {
      maxWaitTimeSeconds: 600,
      minDelaySeconds: pollSeconds,
      maxDelaySeconds: pollSeconds,
      progressIntervalSeconds: 600,
    };
    const action = createUpgradeClusterAction({
      aws,
      guard: testGuard(aws),
      // The floor is a pre-check, not part of what the bench times: a healthy budget.
      errorBudget: {
        read: async () => ({ remainingPercent: 80, objectivePercent: 99.9 }),
      },
      instances: [],
      now: () => TODAY,
      waitSettings,
    });
    const production = DPJ_ENVIRONMENTS.production;
    const input = {
      environment: 'production',
      name: production.name,
      owner: 'group:default/platform-team',
      account: production.account,
      targetVersion: '1.36',
    };
    const checkpoints = new CheckpointStore();
    const logger = new BenchLogger(false);
    const calls = async (): Promise<CallRecord[]> =>
      (await (await fetch(`${sandbox.url}/_sandbox/calls`)).json()).calls;
    const clearCalls = () =>
      fetch(`${sandbox.url}/_sandbox/calls`, { method: 'DELETE' });

    await clearCalls();
    const started = performance.now();
    const outputs = await runAction(action, {
      input,
      taskId: TASK_ID,
      logger,
      workspace,
      checkpoints,
    });
    const wallMs = performance.now() - started;
    const made = await calls();
    const steps = outputs.steps as string[];
    const addonNames = steps
      .filter(step => step.startsWith('add-on '))
      .map(step => step.split(' ')[1]);
    const batches = [
      addonNames.some(name => NETWORKING_ADDONS.includes(name)),
      addonNames.some(name => !NETWORKING_ADDONS.includes(name)),
    ].filter(Boolean).length;
    const slowestRollNodes = Math.max(
      ...production.nodeGroups.map(g => Math.max(1, g.desiredSize)),
    );
    const criticalAwsSeconds =
      CONTROL_PLANE_UPDATE_SECONDS +
      batches * ADDON_UPDATE_SECONDS +
      slowestRollNodes * NODE_ROLL_SECONDS;
    const criticalMs = criticalAwsSeconds * timeScale * 1000;

    await clearCalls();
    await runAction(action, {
      input,
      taskId: TASK_ID,
      logger,
      workspace,
      checkpoints: new CheckpointStore(),
    });
    const rerun = await calls();

    const mutating = made.filter(c => UPDATES.has(c.operation));
    console.log(
      `bench/upgrade: production ${production.clusterName} 1.35 → 1.36, time scale ${timeScale}, poll ${pollSeconds}s`,
    );
    console.table([
      {
        line: 'upgrade',
        'wall (s)': (wallMs / 1000).toFixed(2),
        'critical path (s)': (criticalMs / 1000).toFixed(2),
        'critical path (AWS s)': criticalAwsSeconds,
        'wall ÷ critical path': (wallMs / criticalMs).toFixed(3),
        'mutating calls': mutating.length,
        'read calls': made.length - mutating.length,
      },
    ]);
    console.log(
      `steps: ${steps.length} (${steps.join(
        ', ',
      )}); critical path: control plane ${CONTROL_PLANE_UPDATE_SECONDS} + ${batches} add-on batch(es) × ${ADDON_UPDATE_SECONDS} + slowest roll ${slowestRollNodes} nodes × ${NODE_ROLL_SECONDS} AWS s`,
    );
    console.log(
      `rerun of the same task: ${
        rerun.filter(c => UPDATES.has(c.operation)).length
      } mutating calls, ${rerun.length} reads`,
    );
  } finally {
    rmSync(workspace, { recursive: true, force: true });
    await sandbox.close();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
