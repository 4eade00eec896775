/** What the provisioning and destroy benchmarks share: graphs, critical paths, logs. */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { CheckpointStore } from '../../plugins/scaffolder-backend-module-eks-platform/src/actions/__testUtils__/sandboxActionFixture';

/** Runs an action's handler as the scaffolder would, on the task's checkpoints. */
export async function runAction(
  action: { handler: unknown },
  options: {
    input: JsonObject;
    taskId: string;
    logger: LoggerService;
    workspace: string;
    checkpoints: CheckpointStore;
  },
): Promise<Record<string, JsonValue>> {
  const outputs: Record<string, JsonValue> = {};
  const base = createMockActionContext({
    input: options.input,
    task: { id: options.taskId },
    logger: options.logger,
    workspacePath: options.workspace,
  });
  await (action.handler as (c: unknown) => Promise<void>)({
    ...base,
    output: (key: string, value: JsonValue) => {
      outputs[key] = value;
    },
    checkpoint: options.checkpoints.checkpoint,
    isDryRun: false,
    signal: new AbortController().signal,
  });
  return outputs;
}

/** A step AWS makes the run wait for, in AWS seconds (0 = API calls only). */
export interface GraphNode<A extends string = string> {
  id: string;
  action: A;
  awsSeconds: number;
  after: string[];
}

export /** The longest path through the graph (durations on nodes), with its nodes in order. */
function criticalPath<A extends string>(
  graph: GraphNode<A>[],
): {
  awsSeconds: number;
  nodes: GraphNode<A>[];
} {
  const byId = new Map(graph.map(n => [n.id, n]));
  const finish = new Map<string, { at: number; via?: string }>();
  const visit = (id: string): number => {
    const done = finish.get(id);
    if (done) return done.at;
    const node = byId.get(id);
    if (!node) throw new Error(`unknown graph node ${id}`);
    let start = 0;
    let via: string | undefined;
    for (const before of node.after) {
      const at = visit(before);
      if (via === undefined || at > start) {
        start = at;
        via = before;
      }
    }
    const at = start + node.awsSeconds;
    finish.set(id, { at, via });
    return at;
  };
  graph.forEach(n => visit(n.id));
  let last = graph[0];
  for (const node of graph) {
    if (finish.get(node.id)!.at > finish.get(last.id)!.at) last = node;
  }
  const nodes: GraphNode<A>[] = [];
  for (let id: string | undefined = last.id; id; id = finish.get(id)!.via) {
    nodes.unshift(byId.get(id)!);
  }
  return { awsSeconds: finish.get(last.id)!.at, nodes };
}

export /** Collects the actions' log lines with their time; prints them with --verbose. */
class BenchLogger implements LoggerService {
  readonly lines: { atMs: number; level: string; message: string }[] = [];
  constructor(private readonly verbose: boolean) {}
  private log(level: string, message: string) {
    const atMs = performance.now();
    this.lines.push({ atMs, level, message });
    if (this.verbose) {
      console.log(`  ${(atMs / 1000).toFixed(3)} ${level} ${message}`);
    }
  }
  error(message: string) {
    this.log('error', message);
  }
  warn(message: string) {
    this.log('warn', message);
  }
  info(message: string) {
    this.log('info', message);
  }
  debug() {}
  child() {
    return this;
  }
}

export /** The intervals between "Waiting for X" and "Done/Stopped waiting for X" log lines. */
function waitsIn(
  lines: BenchLogger['lines'],
  fromMs: number,
  toMs: number,
): { waitingMs: number; waits: { what: string; ms: number }[] } {
  const open = new Map<string, number>();
  const intervals: { what: string; from: number; to: number }[] = [];
  for (const line of lines) {
    if (line.atMs < fromMs || line.atMs > toMs) continue;
    const started = /^Waiting for (.*), at most \d+s$/.exec(line.message);
    if (started) open.set(started[1], line.atMs);
    const ended = /^(?:Done|Stopped) waiting for (.*) after [\d.]+s$/.exec(
      line.message,
    );
    if (ended && open.has(ended[1])) {
      intervals.push({
        what: ended[1],
        from: open.get(ended[1])!,
        to: line.atMs,
      });
      open.delete(ended[1]);
    }
  }
  intervals.sort((a, b) => a.from - b.from);
  let waitingMs = 0;
  let reach = -Infinity;
  for (const { from, to } of intervals) {
    if (to <= reach) continue;
    waitingMs += to - Math.max(from, reach);
    reach = to;
  }
  return {
    waitingMs,
    waits: intervals.map(i => ({ what: i.what, ms: i.to - i.from })),
  };
}
