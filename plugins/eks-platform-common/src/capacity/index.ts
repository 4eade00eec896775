export * from './types';
export * from './quantities';
export * from './kubernetesNodes';
export * from './ipCeiling';
export * from './nodeGroupCapacity';
export * from './firstLimit';
export * from './report';
export * from './autoscaler';
