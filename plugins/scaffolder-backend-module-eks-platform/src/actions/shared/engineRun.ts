/**
 * What a create action hands the engine from its task: the resource kinds' context (the
 * task's tags, logger, waits and cancellation) and the task's checkpoints, which a
 * resumed task reuses only for what the step's inventory shows still exists.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import type { StepInventory } from '../../engine/inventory';
import type { KindContext } from '../../engine/types';
import { Checkpoint, CheckpointedSteps } from './checkpointedSteps';
import { environmentTags } from './tagging';
import type { WaitSettings } from './waiting';

/** The parts of a scaffolder action's context the engine needs. */
export interface TaskContext {
  checkpoint: Checkpoint;
  logger: LoggerService;
  task: { id: string };
  signal?: AbortSignal;
}

export function kindContextFor<C>(
  ctx: TaskContext,
  clients: C,
  spec: EnvironmentSpec,
  waitSettings: WaitSettings,
): KindContext<C> {
  return {
    clients,
    spec,
    tags: environmentTags(spec, ctx.task.id),
    logger: ctx.logger,
    waitSettings,
    abortSignal: ctx.signal,
  };
}

/** The step's checkpoints under `prefix`, for the resources of `scope` (account/region/name). */
export function checkpointedStepsFor(
  ctx: TaskContext,
  options: { scope: string; prefix: string; inventory: StepInventory },
): CheckpointedSteps {
  const liveKeys = options.inventory.liveKeys();
  return new CheckpointedSteps({
    checkpoint: ctx.checkpoint,
    logger: ctx.logger,
    taskId: ctx.task.id,
    scope: options.scope,
    prefix: options.prefix,
    isLive: key => liveKeys.has(key),
  });
}
