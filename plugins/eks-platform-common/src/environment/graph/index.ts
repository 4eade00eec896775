export * from './types';
export * from './networkGraph';
export * from './environmentGraph';
export * from './clusterIam';
export * from './controllerIam';
export * from './clusterGraph';
export * from './nodegroupGraph';
export * from './kubernetesMadeGraph';
