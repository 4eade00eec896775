/**
 * 500 concurrent users browsing cluster pages (entity, capacity, SLO, cost) against two
 * backend replicas on PostgreSQL and Redis behind one balancer, for a fixed time; then
 * the same users on the stock catalog entity endpoint as a baseline. Prints throughput,
 * p50/p99, errors and the AWS calls the sandbox answered, and compares those calls with
 * one replica serving one user: caches and coalescing shared across replicas mean the
 * load asks AWS no more than that.
 * Loopback only; every user stops at the phase's end; no assertions.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs bench/load/run.ts [--seconds 20] [--users 500] [--think-seconds 2]
 */
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CallRecord,
  defaultSandboxServices,
  RunningSandbox,
  startSandbox,
} from '@internal/aws-sandbox';
import {
  ReplicaSet,
  ServiceSettings,
  startLocalServices,
  startReplicaSet,
} from '@internal/replicas';
import { signIn } from '../../packages/replicas/src/__testUtils__/backstageApi';
import { percentile } from '../shared/routeServer';

const CLUSTERS = ['dpj-dev-cluster', 'dpj-staging-cluster', 'dpj-prod-cluster'];
/** Both may read cost (finance, platform-team). */
const USERS = ['emma.bernard', 'alice.martin'];
/** Lets the scheduled tasks' first runs (cluster discovery, cost refresh) finish. */
const SETTLE_MS = 25_000;
const MAX_VIEWS_PER_USER = 100_000;
/** A request unanswered after this counts as an error, so the run always ends. */
const REQUEST_TIMEOUT_MS = 60_000;

const entityPath = (cluster: string) =>
  `/api/catalog/entities/by-name/resource/default/${cluster}`;

/** What a cluster's entity page asks the backend for, all at once. */
const clusterPage = (cluster: string) => [
  entityPath(cluster),
  `/api/eks-platform/capacity/default/${cluster}`,
  `/api/eks-platform/slo/default/${cluster}?kind=resource`,
  `/api/eks-platform/cost/default/${cluster}`,
];
/** As many requests per view, all to the stock catalog entity endpoint. */
const baselinePage = (cluster: string) => Array(4).fill(entityPath(cluster));

interface PhaseResult {
  name: string;
  requests: number;
  seconds: number;
  latencies: number[];
  errors: string[];
  /** Capacity answers with a source down. */
  partialCapacity: number;
  /** What the sandbox answered: AWS, Kubernetes and Prometheus requests. */
  awsCalls: CallRecord[];
}

async function calls(sandbox: RunningSandbox): Promise<CallRecord[]> {
  return (await (await fetch(`${sandbox.url}/_sandbox/calls`)).json()).calls;
}

async function clearCalls(sandbox: RunningSandbox) {
  await fetch(`${sandbox.url}/_sandbox/calls`, { method: 'DELETE' });
}

/**
 * Capacity answers with a source down (a Kubernetes read timed out, say): the product
 * caches those for 10 s only, so they explain AWS calls beyond one per cache period.
 */
const partialCapacity = { count: 0, reasons: new Set<string>() };
type SourceStatus = { status: string; reason?: string };
/** As the product decides (metrics-server is optional and not counted). */
function notePartial(report: {
  sources: { aws: SourceStatus; kubernetes: SourceStatus };
}) {
  const down = [report.sources.aws, report.sources.kubernetes].filter(
    source => source.status !== 'ok',
  );
  if (down.length === 0) return;
  partialCapacity.count += 1;
  down.forEach(source => partialCapacity.reasons.add(source.reason ?? ''));
}

/** One request, timed; a non-2xx answer or a network failure counts as an error. */
async function timedGet(
  url: string,
  authorization: string,
  latencies: number[],
  errors: string[],
) {
  const sent = performance.now();
  try {
    const response = await fetch(url, {
      headers: { authorization },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await response.text();
    if (!response.ok) errors.push(`${response.status} ${url}`);
    else if (url.includes('/capacity/')) notePartial(JSON.parse(body));
  } catch (error) {
    errors.push(`${(error as Error).message} ${url}`);
  }
  latencies.push(performance.now() - sent);
}

async function runPhase(options: {
  name: string;
  baseUrl: string;
  tokens: string[];
  users: number;
  durationMs: number;
  page: (cluster: string) => string[];
  /** Mean pause between a user's page views; each user's is 0.5× to 1.5× of it. */
  thinkMs: number;
  sandbox: RunningSandbox;
}): Promise<PhaseResult> {
  await clearCalls(options.sandbox);
  partialCapacity.count = 0;
  const latencies: number[] = [];
  const errors: string[] = [];
  const started = Date.now();
  const end = started + options.durationMs;
  await Promise.all(
    Array.from({ length: options.users }, async (_, user) => {
      const authorization = `Bearer ${
        options.tokens[user % options.tokens.length]
      }`;
      for (
        let view = 0;
        view < MAX_VIEWS_PER_USER && Date.now() < end;
        view++
      ) {
        const cluster = CLUSTERS[(user + view) % CLUSTERS.length];
        await Promise.all(
          options
            .page(cluster)
            .map(path =>
              timedGet(
                `${options.baseUrl}${path}`,
                authorization,
                latencies,
                errors,
              ),
            ),
        );
        // Spread evenly over the users, so the run is the same every time.
        const think = options.thinkMs * (0.5 + user / options.users);
        await sleep(Math.min(think, Math.max(0, end - Date.now())));
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  return {
    name: options.name,
    requests: latencies.length,
    seconds,
    latencies: latencies.sort((a, b) => a - b),
    errors,
    partialCapacity: partialCapacity.count,
    awsCalls: await calls(options.sandbox),
  };
}

/**
 * Opens every cluster page once on each replica in turn, as a deployment's warm-up would:
 * each replica's plugins then know the keys the others sign their tokens with. Cold, a
 * replica fetches each key on first use, and under full load that fetch can time out and
 * fail the request (JWKS timeout: 401). The first replica fills the shared cache; the
 * second is answered from it.
 */
async function warmUp(set: ReplicaSet, token: string) {
  for (const replica of set.replicas) {
    for (const cluster of CLUSTERS) {
      for (const path of clusterPage(cluster)) {
        const response = await fetch(`${replica.url}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
      }
    }
  }
}

/** One user opening each cluster page once, in turn: what one cache period needs. */
async function viewEachClusterOnce(
  baseUrl: string,
  token: string,
  sandbox: RunningSandbox,
): Promise<PhaseResult> {
  await clearCalls(sandbox);
  partialCapacity.count = 0;
  const latencies: number[] = [];
  const errors: string[] = [];
  const started = Date.now();
  for (const cluster of CLUSTERS) {
    await Promise.all(
      clusterPage(cluster).map(path =>
        timedGet(`${baseUrl}${path}`, `Bearer ${token}`, latencies, errors),
      ),
    );
  }
  return {
    name: 'cluster pages, each once',
    requests: latencies.length,
    seconds: (Date.now() - started) / 1000,
    latencies: latencies.sort((a, b) => a - b),
    errors,
    partialCapacity: partialCapacity.count,
    awsCalls: await calls(sandbox),
  };
}

function byService(records: CallRecord[]): string {
  const counts = new Map<string, number>();
  for (const record of records) {
    counts.set(record.service, (counts.get(record.service) ?? 0) + 1);
  }
  return (
    [...counts.entries()]
      .sort()
      .map(([service, count]) => `${service} ${count}`)
      .join(', ') || '0'
  );
}

async function startSet(
  services: ServiceSettings,
  replicas: number,
): Promise<{ set: ReplicaSet; tokens: string[] }> {
  const set = await startReplicaSet({
    replicas,
    services,
    // Every request is logged at info: the figures measure serving, not logging.
    env: { LOG_LEVEL: 'warn' },
    logDir: process.env.BENCH_LOG_DIR,
    config: {
      eksPlatform: {
        // Clusters come from catalog-info.yaml: discovery runs once, at start.
        catalog: {
          clusterDiscovery: {
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 5 },
            },
          },
        },
      },
    },
  });
  try {
    const tokens = await Promise.all(USERS.map(user => signIn(set.url, user)));
    // The catalog has ingested catalog-info.yaml once every cluster entity answers.
    for (const cluster of CLUSTERS) {
      for (let attempt = 0; ; attempt++) {
        const response = await fetch(`${set.url}${entityPath(cluster)}`, {
          headers: { authorization: `Bearer ${tokens[0]}` },
        });
        if (response.ok) break;
        if (attempt > 120) {
          throw new Error(`${cluster} never reached the catalog`);
        }
        await sleep(1_000);
      }
    }
    return { set, tokens };
  } catch (error) {
    await set.close();
    throw error;
  }
}

function row(result: PhaseResult, users: number) {
  const { latencies } = result;
  return [
    result.name,
    String(users),
    String(result.requests),
    (result.requests / result.seconds).toFixed(1),
    percentile(latencies, 50).toFixed(1),
    percentile(latencies, 99).toFixed(1),
    String(result.errors.length),
    String(result.partialCapacity),
    byService(result.awsCalls),
  ];
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '20' },
      users: { type: 'string', default: '500' },
      'think-seconds': { type: 'string', default: '2' },
    },
  });
  const durationMs = Number(values.seconds) * 1000;
  const users = Number(values.users);
  const thinkMs = Number(values['think-seconds']) * 1000;
  const services = await startLocalServices();
  // The ports of app-config.sandbox.yaml and catalog-info.yaml's cluster entities.
  const sandbox = await startSandbox({
    port: 4566,
    kubernetesPort: 4567,
    ...defaultSandboxServices({ seed: true }),
  });

  try {
    // Reference: one replica, one user viewing each cluster page once.
    process.stdout.write('reference: 1 replica, 1 user…\n');
    const single = await startSet(services, 1);
    await sleep(SETTLE_MS);
    const reference = await viewEachClusterOnce(
      single.set.url,
      single.tokens[0],
      sandbox,
    );
    await single.set.close();

    process.stdout.write(
      `load: 2 replicas, ${users} users × ${values.seconds} s, ${values['think-seconds']} s between views…\n`,
    );
    const pair = await startSet(services, 2);
    await sleep(SETTLE_MS);
    await clearCalls(sandbox);
    await warmUp(pair.set, pair.tokens[0]);
    const warmUpCalls = await calls(sandbox);
    const phase = (name: string, page: (cluster: string) => string[]) =>
      runPhase({
        name,
        baseUrl: pair.set.url,
        tokens: pair.tokens,
        users,
        durationMs,
        page,
        thinkMs,
        sandbox,
      });
    const pages = await phase('cluster pages', clusterPage);
    const baseline = await phase('baseline: catalog entity', baselinePage);
    // Each route of the page alone, as many requests per view as the baseline.
    const routes = [];
    for (const [index, route] of ['capacity', 'slo', 'cost'].entries()) {
      routes.push(
        await phase(`${route} route alone`, cluster =>
          Array(4).fill(clusterPage(cluster)[index + 1]),
        ),
      );
    }
    const phases = [pages, baseline, ...routes];
    const answered = [...pair.set.balancer.answered.values()];
    await pair.set.close();

    const table = [
      [
        'phase',
        'users',
        'requests',
        'req/s',
        'p50 ms',
        'p99 ms',
        'errors',
        'partial capacity',
        'upstream calls',
      ],
      row(reference, 1),
      ...phases.map(phase => row(phase, users)),
    ];
    const widths = table[0].map((_, i) =>
      Math.max(...table.map(r => r[i].length)),
    );
    process.stdout.write('\n');
    for (const line of table) {
      process.stdout.write(
        `| ${line.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |\n`,
      );
    }
    const throughput = (r: PhaseResult) => r.requests / r.seconds;
    const ratio = (r: PhaseResult, p: number) =>
      (percentile(r.latencies, p) / percentile(baseline.latencies, p)).toFixed(
        2,
      );
    process.stdout.write('\n');
    for (const measured of [pages, ...routes]) {
      process.stdout.write(
        `${measured.name} ÷ baseline: throughput ${(
          throughput(measured) / throughput(baseline)
        ).toFixed(2)}, p50 ${ratio(measured, 50)}, p99 ${ratio(
          measured,
          99,
        )}\n`,
      );
    }
    process.stdout.write(
      `upstream calls: ${warmUpCalls.length} warming up (${byService(
        warmUpCalls,
      )}) + ${pages.awsCalls.length} under load = ${
        warmUpCalls.length + pages.awsCalls.length
      } for ${users} users on 2 replicas vs ${
        reference.awsCalls.length
      } for 1 user on 1 replica ` +
        `(ratio ${(
          (warmUpCalls.length + pages.awsCalls.length) /
          Math.max(1, reference.awsCalls.length)
        ).toFixed(2)})\n`,
    );
    if (partialCapacity.reasons.size) {
      process.stdout.write(
        `why capacity answers were partial: ${[...partialCapacity.reasons].join(
          '; ',
        )}\n`,
      );
    }
    process.stdout.write(
      `requests answered per replica: ${answered.join(' / ')}\n`,
    );
    for (const phase of phases) {
      if (phase.errors.length) {
        process.stdout.write(
          `${phase.name} errors (first 5): ${phase.errors
            .slice(0, 5)
            .join('; ')}\n`,
        );
      }
    }
  } finally {
    await sandbox.close();
  }
}

// Exiting runs the replicas' exit hooks, which stop them.
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
