export { createVersionsRouter } from './router';
