export * from './selector';
export * from './definition';
export * from './queries';
export * from './budget';
export * from './burnRates';
export * from './burnDown';
export * from './report';
export * from './response';
