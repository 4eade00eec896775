/**
 * Steps of a provisioning action: each mutating step runs inside `ctx.checkpoint`, so a
 * resumed task returns its earlier result instead of calling AWS again, and each resource
 * step is a find-or-create, so a retried task whose checkpoints were lost (or a step
 * interrupted between the AWS call and the checkpoint) finds the resource by its tags
 * instead of duplicating it.
 *
 * A checkpoint can outlive what it names: a rollback, `environment:destroy` or a person
 * deletes the resource, then the task is retried. A value cached by an earlier run is
 * therefore checked against what exists now (`isLive`, from a read-only inventory taken at
 * the start); the first stale one moves every later step to fresh checkpoint keys (a new
 * "generation"), so they run again and find or recreate their resources.
 */
import { createHash } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';

/** `ctx.checkpoint` of a scaffolder action. */
export type Checkpoint = <T extends JsonValue | void>(options: {
  key: string;
  fn: () => Promise<T> | T;
}) => Promise<T>;

/** A resource found by its tags. */
export interface FoundResource {
  id: string;
  /** "subnet-0ab (dpj-prod-public-eu-west-3a)". */
  label: string;
}

export interface ResourceStep {
  /** The resource's role tag, also its checkpoint key: `vpc`, `public-subnet-eu-west-3a`. */
  component: string;
  /** What it is, for the log: `VPC`, `NAT gateway`. */
  kind: string;
  /** Its `Name` tag. */
  name: string;
  /**
   * Resources tagged with this environment and component, read from AWS: `live` ones can be
   * reused, `gone` counts failed or deleted ones (which must not be reused, nor their
   * ClientToken replayed).
   */
  find(): Promise<{ live: FoundResource[]; gone?: number }>;
  /** Creates the resource and returns its id. */
  create(clientToken: string): Promise<string>;
}

export type StepOutcome = 'created' | 'reused' | 'resumed';

export interface ResourceStepResult {
  id: string;
  outcome: StepOutcome;
}

interface CachedResource {
  [key: string]: JsonValue;
  id: string;
  created: boolean;
}

/** An EC2 `ClientToken` (at most 64 ASCII characters), the same for every retry of a step. */
export function clientTokenFor(parts: readonly (string | number)[]): string {
  return createHash('sha256')
    .update(parts.join('\n'))
    .digest('hex')
    .slice(0, 48);
}

export class CheckpointedSteps {
  private generation = 0;

  constructor(
    private readonly options: {
      checkpoint: Checkpoint;
      logger: LoggerService;
      taskId: string;
      /**
       * What the resources belong to, e.g. `333333333333/eu-west-3/dpj-prod`: part of every
       * ClientToken, since one task may create several environments and a token reused with
       * other parameters is an error (IdempotentParameterMismatch).
       */
      scope: string;
      /** Prefix of this action's checkpoint keys, e.g. `network`. */
      prefix: string;
      /** Whether an id (or step key) cached by an earlier run still exists. */
      isLive: (id: string) => boolean;
    },
  ) {}

  /** Whether an id or relation key cached by an earlier run still exists. */
  isLive(key: string): boolean {
    return this.options.isLive(key);
  }

  private keyOf(step: string): string {
    const key = `${this.options.prefix}.${step}`;
    return this.generation === 0 ? key : `${key}.retry-${this.generation}`;
  }

  /**
   * Runs one mutating step once per task. `fn` must converge: read what exists, change
   * only what differs. `isLive` says whether the value an earlier run cached still holds.
   */
  async run<T extends JsonValue>(
    step: string,
    fn: () => Promise<T>,
    isLive: (value: T) => boolean,
  ): Promise<{ value: T; resumed: boolean }> {
    for (;;) {
      const key = this.keyOf(step);
      // Set inside the checkpoint: false when it returned a value cached by an earlier run.
      const state = { ran: false };
      const value = await this.options.checkpoint<T>({
        key,
        fn: async () => {
          state.ran = true;
          return fn();
        },
      });
      if (state.ran || isLive(value)) return { value, resumed: !state.ran };
      this.options.logger.warn(
        `Checkpoint ${key} of an earlier run names ${JSON.stringify(
          value,
        )}, which no longer exists; this step and the following ones run again`,
      );
      this.generation += 1;
    }
  }

  /** Find-or-create of one tagged resource, inside a checkpoint. Logs one line. */
  async resource(step: ResourceStep): Promise<ResourceStepResult> {
    const { logger } = this.options;
    const state: { outcome: StepOutcome } = { outcome: 'resumed' };
    const { value } = await this.run<CachedResource>(
      step.component,
      async () => {
        const { live, gone = 0 } = await step.find();
        if (live.length > 0) {
          state.outcome = 'reused';
          if (live.length > 1) {
            logger.warn(
              `Found ${live.length} ${step.kind}s tagged as ${
                step.component
              }: using ${live[0].label}; ${live
                .slice(1)
                .map(r => r.label)
                .join(
                  ', ',
                )} were left by an interrupted create and go with the environment`,
            );
          }
          return { id: live[0].id, created: false };
        }
        state.outcome = 'created';
        // Replaying the token of a failed attempt would return the failed resource.
        const token = clientTokenFor([
          this.options.taskId,
          this.options.scope,
          this.keyOf(step.component),
          gone,
        ]);
        return { id: await step.create(token), created: true };
      },
      cached => this.isLive(cached.id),
    );
    const label = `${step.kind} ${value.id} (${step.name})`;
    if (state.outcome === 'created') logger.info(`Created ${label}`);
    else if (state.outcome === 'reused') {
      logger.info(`Reusing ${label}, found by its tags`);
    } else logger.info(`Reusing ${label}, from an earlier run of this task`);
    return { id: value.id, outcome: state.outcome };
  }
}
