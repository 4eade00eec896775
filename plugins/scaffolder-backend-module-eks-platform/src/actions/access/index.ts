export { ADOPT_FIELD, EnvironmentGuard } from './environmentGuard';
export type {
  EnvironmentConditionAuthorizer,
  EnvironmentGuardOptions,
  EnvironmentTarget,
} from './environmentGuard';
export { DatabaseEnvironmentLeases } from './environmentLeases';
export type {
  EnvironmentLeases,
  LeaseHolder,
  TaskActivity,
} from './environmentLeases';
export { scaffolderTaskActivity } from './taskActivity';
export {
  CONFIRM_FIELD,
  confirmationInputSchema,
  confirmationProblems,
} from './confirmation';
