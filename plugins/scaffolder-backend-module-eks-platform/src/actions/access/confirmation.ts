/**
 * Destroying anything of an environment needs its name typed a second time, whatever the
 * preset: checked by every destroy action before its first deletion.
 */
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import type { InputProblem } from '../shared/environmentInput';

export const CONFIRM_FIELD = 'confirmEnvironmentName';

export function confirmationProblems(
  input: { [CONFIRM_FIELD]?: unknown },
  spec: Pick<EnvironmentSpec, 'name' | 'environment'>,
): InputProblem[] {
  const confirmation = input[CONFIRM_FIELD];
  if (confirmation !== undefined && typeof confirmation !== 'string') {
    return [
      {
        path: CONFIRM_FIELD,
        rule: 'type',
        message: `${CONFIRM_FIELD} must be a string`,
      },
    ];
  }
  if (confirmation === undefined || confirmation === '') {
    return [
      {
        path: CONFIRM_FIELD,
        rule: 'required',
        message: `destroying the ${spec.environment} environment ${spec.name} deletes its applications, cluster, node groups and network: set ${CONFIRM_FIELD} to "${spec.name}" to confirm`,
      },
    ];
  }
  if (confirmation !== spec.name) {
    return [
      {
        path: CONFIRM_FIELD,
        rule: 'confirmation',
        message: `${CONFIRM_FIELD} is "${confirmation}" but the environment to destroy is "${spec.name}"`,
      },
    ];
  }
  return [];
}

/** The schema of the confirmation field, for the destroy actions' inputs. */
export const confirmationInputSchema = {
  [CONFIRM_FIELD]: (z: import('../shared/environmentInput').Zod) =>
    z
      .string()
      .describe(
        'The environment name typed again: nothing is deleted unless it matches',
      ),
};
