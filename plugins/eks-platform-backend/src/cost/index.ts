export { createCostRouter } from './router';
export { refreshCostCache, COST_REFRESH_TASK_ID } from './refresh';
