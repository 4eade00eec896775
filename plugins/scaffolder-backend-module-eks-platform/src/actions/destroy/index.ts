export {
  createEnvironmentDestroyAction,
  DESTROY_ENVIRONMENT_ACTION_ID,
  EnvironmentDestroyError,
} from './destroyEnvironment';
export type { DestroyEnvironmentActionOptions } from './destroyEnvironment';
export type { DestroyedResource } from './destroyPhases';
