export * from './types';
export * from './budgetImpact';
