/**
 * `applyGraph`: creates the nodes of one step in dependency order, independent nodes at the
 * same time. Each node is a checkpointed find-or-create (`CheckpointedSteps`): a resumed
 * task returns what it cached, a retried one finds its resources by tag, a create carries
 * a ClientToken where AWS takes one and is found again by tag where it does not.
 *
 * Backstage saves the whole task state on each checkpoint, so two checkpoints written at
 * once may leave only one of them stored: the other step then runs again on resume and,
 * being a find-or-create, finds what it made.
 */
import { ConflictError } from '@backstage/errors';
import type { ResourceNode } from '@internal/plugin-eks-platform-common';
import { errorMessage } from '../actions/shared/awsErrors';
import type {
  CheckpointedSteps,
  StepOutcome,
} from '../actions/shared/checkpointedSteps';
import {
  isAlreadyApplied,
  isAmbiguous,
  retryKnownErrors,
  RetrySettings,
} from './knownErrors';
import type {
  ExistingResource,
  KindContext,
  RefIds,
  ResourceHandler,
  ResourceHandlers,
} from './types';

export interface NodeResult {
  node: ResourceNode;
  /** The resource's id; for a relation, the value its step returned. */
  id: string;
  outcome: StepOutcome;
}

/** A node failed; the nodes running beside it were let finish first. */
export class GraphStepError extends Error {
  readonly name = 'GraphStepError';
  constructor(readonly step: string, cause: unknown) {
    super(errorMessage(cause), { cause });
  }
}

export interface ApplyOptions<C> {
  nodes: readonly ResourceNode[];
  handlers: ResourceHandlers<C>;
  steps: CheckpointedSteps;
  context: KindContext<C>;
  retry: RetrySettings;
  taskId: string;
  /** Reuse resources another task created (the guard admitted an adoption). */
  adopt?: boolean;
  /** Ids of nodes earlier steps created, by key (a node group's role: the cluster step's). */
  known?: Record<string, string>;
}

function handlerOf<C>(
  handlers: ResourceHandlers<C>,
  node: ResourceNode,
): ResourceHandler<C> {
  const handler = handlers[node.kind];
  if (!handler?.create)
    throw new Error(`No resource handler creates ${node.kind} (${node.key})`);
  return handler;
}

/** Runs every node once its dependencies are done; returns each node's result by key. */
export async function applyGraph<C>(
  options: ApplyOptions<C>,
): Promise<Map<string, NodeResult>> {
  const { nodes } = options;
  const results = new Map<string, NodeResult>();
  const inStep = new Set(nodes.map(n => n.key));
  const started = new Set<string>();
  const running = new Set<Promise<void>>();
  const state: { failure?: GraphStepError } = {};

  const ready = (n: ResourceNode) =>
    !state.failure &&
    !started.has(n.key) &&
    n.dependsOn.every(d => results.has(d) || !inStep.has(d));
  const launch = (n: ResourceNode) => {
    started.add(n.key);
    const run: Promise<void> = applyNode(n, results, options)
      .then(result => {
        results.set(n.key, result);
      })
      .catch(error => {
        state.failure ??= new GraphStepError(n.key, error);
      })
      .finally(() => {
        running.delete(run);
        nodes.filter(ready).forEach(launch);
      });
    running.add(run);
  };
  nodes.filter(ready).forEach(launch);
  while (running.size > 0) await Promise.race(running);
  if (state.failure) throw state.failure;
  const missing = nodes.filter(n => !results.has(n.key));
  if (missing.length > 0) {
    throw new Error(
      `Nodes ${missing
        .map(n => n.key)
        .join(', ')} depend on nodes outside the step`,
    );
  }
  return results;
}

function refIdsOf(
  node: ResourceNode,
  results: Map<string, NodeResult>,
  known: Record<string, string> = {},
): RefIds {
  const ids: RefIds = {};
  for (const [role, key] of Object.entries(node.refs)) {
    const id = results.get(key)?.id ?? known[key];
    if (id === undefined)
      throw new Error(`${node.key} needs ${key}, which was not created`);
    ids[role] = id;
  }
  return ids;
}

async function applyNode<C>(
  node: ResourceNode,
  results: Map<string, NodeResult>,
  options: ApplyOptions<C>,
): Promise<NodeResult> {
  const { steps, context: c, retry } = options;
  const handler = handlerOf(options.handlers, node);
  const refs = refIdsOf(node, results, options.known);
  const withRetries = <T>(call: () => Promise<T>) =>
    retryKnownErrors(call, retry, (reason, delayMs) =>
      c.logger.info(`${node.key}: ${reason}; retrying in ${delayMs / 1000}s`),
    );

  if (!handler.find) {
    // A relation reads what holds before it changes anything; one that an attempt whose
    // answer was lost already made is answered "already exists" on the SDK's retry, and
    // is then found made when read again.
    const make = () => withRetries(() => handler.create!(node, refs, c, ''));
    const { value } = await steps.run(
      node.key,
      () =>
        make().catch(error => {
          if (!isAlreadyApplied(error)) throw error;
          c.logger.warn(
            `${node.key}: ${errorMessage(
              error,
            )}; reading it again, as an earlier attempt made it`,
          );
          return make();
        }),
      cached => !handler.cachedIsLive || steps.isLive(cached),
    );
    return { node, id: value, outcome: 'created' };
  }

  const find = handler.find.bind(handler);
  const owned = async () => {
    const found = await find(node, refs, c);
    const foreign = found.live.filter(
      r => r.taskId && r.taskId !== options.taskId,
    );
    if (foreign.length > 0 && !options.adopt) {
      throw new ConflictError(
        `${handler.label} ${foreign[0].label} was created by task ${foreign[0].taskId}, not by this one; it is not taken over without adopt`,
      );
    }
    return found;
  };
  const result = await steps.resource({
    component: node.key,
    kind: handler.label,
    name: node.name,
    find: owned,
    create: async clientToken => {
      let id: string;
      try {
        id = await withRetries(() =>
          handler.create!(node, refs, c, clientToken),
        );
      } catch (error) {
        // The create may have been applied and its answer lost, or a retry of it refused
        // as a conflict with what the first attempt made: look before failing.
        if (handler.tokened && !isAmbiguous(error)) throw error;
        const again = (await owned()).live;
        if (again.length === 0) throw error;
        c.logger.warn(
          `Creating ${handler.label} ${node.name} answered ${errorMessage(
            error,
          )}; found ${again[0].label} by its tags, so the create was applied`,
        );
        return again[0].id;
      }
      if (!handler.tokened)
        await removeDuplicates(handler, node, id, owned, c, options.taskId);
      return id;
    },
  });
  await handler.waitUntilReady?.(result.id, node, c);
  return { node, id: result.id, outcome: result.outcome };
}

/** The SDK retried a create AWS had applied: the extra copies this task made go. */
async function removeDuplicates<C>(
  handler: ResourceHandler<C>,
  node: ResourceNode,
  keptId: string,
  find: () => Promise<{ live: ExistingResource[] }>,
  c: KindContext<C>,
  taskId: string,
) {
  const extras = (await find()).live.filter(
    r => r.id !== keptId && r.taskId === taskId,
  );
  for (const extra of extras) {
    await handler.delete!(extra, c);
    c.logger.warn(
      `Deleted ${handler.label} ${extra.label}: a retried create of ${node.key} had made it besides ${keptId}`,
    );
  }
}
