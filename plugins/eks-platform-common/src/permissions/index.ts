export * from './cost';
export * from './environment';
