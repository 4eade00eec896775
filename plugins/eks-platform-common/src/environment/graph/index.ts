export * from './types';
export * from './networkGraph';
export * from './environmentGraph';
