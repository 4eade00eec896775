/**
 * The faults line of the provisioning benchmark: the same provisioning again, as a new
 * task, while the sandbox throttles 10% of the calls, answers 2% with a 500, and applies 2%
 * of the changes but loses their answer (the SDK then retries what AWS has already done).
 * IAM propagation is on as in every run. Failed attempts are retried as a user retries the
 * task (same checkpoints). Then, with the faults off, every resource of the environment is
 * listed by its role tag: two for one node is a duplicate, one for no node an orphan.
 */
import { mockServices } from '@backstage/backend-test-utils';
import type { CallRecord, RunningSandbox } from '@internal/aws-sandbox';
import {
  environmentGraph,
  EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';
import type { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { CheckpointStore } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/__testUtils__/sandboxActionFixture';
import {
  createClusterClients,
  destroyClusterClients,
} from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/cluster/clusterClients';
import { clusterDestroy } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/cluster/deleteCluster';
import { networkDestroy } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/network/deleteNetwork';
import { nodegroupDestroy } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/nodegroup/deleteNodegroups';
import { listResources } from '../../plugins/scaffolder-backend-module-eks-platform/src/engine/destroy';

export const FAULTS = {
  throttleRate: 0.1,
  serverErrorRate: 0.02,
  lostAnswerRate: 0.02,
};
const ATTEMPTS = 3;

/** Resources of the environment by role tag: duplicates, orphans, and the total. */
async function tally(
  aws: Pick<AwsClientFactory, 'create'>,
  spec: EnvironmentSpec,
) {
  const clients = await createClusterClients(aws, {
    accountId: spec.account,
    region: spec.region,
  });
  const logger = mockServices.logger.mock();
  try {
    const listed = (
      await Promise.all([
        listResources(networkDestroy(clients.ec2, spec, logger, {})),
        listResources(clusterDestroy(clients, spec, logger, {})),
        listResources(nodegroupDestroy(clients, spec, { logger })),
      ])
    ).flat();
    const keys = new Set(environmentGraph(spec).map(n => n.key));
    const perKey = new Map<string, number>();
    for (const r of listed) {
      perKey.set(r.component ?? '', (perKey.get(r.component ?? '') ?? 0) + 1);
    }
    return {
      total: listed.length,
      duplicates: [...perKey]
        .filter(([key, n]) => keys.has(key) && n > 1)
        .map(([key, n]) => `${key} ×${n}`),
      orphans: listed
        .filter(r => !keys.has(r.component ?? ''))
        .map(r => `${r.type} ${r.label}`),
    };
  } finally {
    destroyClusterClients(clients);
  }
}

export async function benchFaults(options: {
  sandbox: RunningSandbox;
  aws: AwsClientFactory;
  spec: EnvironmentSpec;
  /** The critical path of the provisioning graph, IAM propagation included. */
  pathMs: number;
  runTask: (checkpoints: CheckpointStore) => Promise<{
    wallMs: number;
    runs: Record<string, { calls: CallRecord[]; wallMs: number }>;
  }>;
}): Promise<string[]> {
  const { sandbox } = options;
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const checkpoints = new CheckpointStore();
  const failures: string[] = [];
  const calls: CallRecord[] = [];
  let wallMs = 0;
  let converged = false;
  let perAction = '';
  sandbox.context.faults.configure(FAULTS, 2027);
  try {
    for (let attempt = 1; attempt <= ATTEMPTS && !converged; attempt++) {
      const started = performance.now();
      try {
        const task = await options.runTask(checkpoints);
        Object.values(task.runs).forEach(r => calls.push(...r.calls));
        perAction = Object.entries(task.runs)
          .map(([name, r]) => `${name} ${s(r.wallMs)}`)
          .join(', ');
        converged = true;
      } catch (error) {
        failures.push((error as Error).message.split('\n')[0].slice(0, 200));
      }
      wallMs += performance.now() - started;
    }
  } finally {
    sandbox.context.faults.reset();
  }
  const found = await tally(options.aws, options.spec);
  const refused = calls.filter(c => c.status >= 400).length;
  return [
    '',
    `The same provisioning as a new task, with ${
      FAULTS.throttleRate * 100
    }% throttling, ${FAULTS.serverErrorRate * 100}% 5xx and ${
      FAULTS.lostAnswerRate * 100
    }% of the changes applied with their answer lost (IAM propagation on, as always):`,
    `  ${
      converged
        ? `converged in ${
            ATTEMPTS - (ATTEMPTS - failures.length - 1)
          } attempt(s)`
        : `did not converge in ${ATTEMPTS} attempts`
    }${failures.length ? ` (failed: ${failures.join(' | ')})` : ''}`,
    `  wall ${s(
      wallMs,
    )} s (${perAction}); wall ÷ critical path (IAM propagation included): ${(
      wallMs / options.pathMs
    ).toFixed(3)} (target ≤ 1.10)`,
    `  calls of the converged attempt: ${calls.length}, of which ${refused} answered with an error the SDK or the engine retried`,
    `  resources of the environment by role tag: ${found.total}; duplicates ${
      found.duplicates.length
    }${
      found.duplicates.length ? ` (${found.duplicates.join(', ')})` : ''
    }; orphans ${found.orphans.length}${
      found.orphans.length ? ` (${found.orphans.join(', ')})` : ''
    }`,
  ];
}
