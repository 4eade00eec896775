export { createCapacityRouter } from './router';
