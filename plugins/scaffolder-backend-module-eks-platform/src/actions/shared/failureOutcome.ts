import type { LoggerService } from '@backstage/backend-plugin-api';
import { errorMessage } from './awsErrors';

/**
 * The message a failed provisioning run ends with: after a rollback (rollbackOnFailure on),
 * or naming what exists and is kept for a retry of the task to resume from.
 */
export async function failureMessage(options: {
  /** "Creating the network of dev in 1/eu-west-1 failed: …." */
  failed: string;
  rollbackOnFailure: boolean;
  taskId: string;
  logger: Pick<LoggerService, 'warn'>;
  /** Deletes what the task created; throws, naming what remains, when it cannot. */
  rollback: () => Promise<{ label: string }[]>;
  /** What a failed rollback left, from its error; undefined when unknown. */
  remainingAfterRollback: (rollbackError: unknown) => string[] | undefined;
  /** Added after "nothing of it remains" in the rolled-back message: " (…)" or "". */
  rolledBackNote?: string;
  /** Lists what exists, for the message when there is no rollback. */
  listExisting: () => Promise<string[]>;
  /** "Retry the task to finish the network". */
  retryHint: string;
}): Promise<string> {
  const { failed, taskId, logger } = options;
  if (options.rollbackOnFailure) {
    logger.warn(
      `${failed} rollbackOnFailure is on: deleting what task ${taskId} created`,
    );
    try {
      const deleted = await options.rollback();
      return `${failed} Rolled back: deleted the ${
        deleted.length
      } resource(s) this task had created${
        deleted.length ? ` (${deleted.map(d => d.label).join(', ')})` : ''
      }; nothing of it remains${options.rolledBackNote ?? ''}.`;
    } catch (rollbackError) {
      const remaining =
        options.remainingAfterRollback(rollbackError)?.join(', ') ?? 'unknown';
      return `${failed} The rollback failed too: ${errorMessage(
        rollbackError,
      )}. Still there: ${remaining}. Run the task again, or destroy the environment.`;
    }
  }
  let remaining: string;
  try {
    remaining = (await options.listExisting()).join(', ');
  } catch (discoveryError) {
    remaining = `(could not list them: ${errorMessage(discoveryError)})`;
  }
  return `${failed} rollbackOnFailure is off, so what exists is kept for a retry of this task to resume from: ${
    remaining || 'nothing'
  }. ${options.retryHint}, or destroy the environment to remove it.`;
}

/** " at step "create-vpc"" when a step was running, "" otherwise. */
export function atStep(step: string | undefined): string {
  return step ? ` at step "${step}"` : '';
}
