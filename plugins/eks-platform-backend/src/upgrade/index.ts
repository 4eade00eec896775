export { createUpgradeRouter } from './router';
