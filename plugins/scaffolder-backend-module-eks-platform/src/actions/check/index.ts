export {
  CHECK_ENVIRONMENT_ACTION_ID,
  createEnvironmentCheckAction,
} from './checkEnvironment';
export type { CheckEnvironmentActionOptions } from './checkEnvironment';
