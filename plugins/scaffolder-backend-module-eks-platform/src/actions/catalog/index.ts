export { createCatalogWaitAction } from './waitForEntity';
