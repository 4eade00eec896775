export * from './cost';
export * from './environment';
export * from './deployments';
