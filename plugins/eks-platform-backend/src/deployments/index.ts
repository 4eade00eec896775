export { createDeploymentsRouter } from './router';
export type { DeploymentsRouterOverrides } from './router';
