/**
 * Isomorphic building blocks of the EKS platform plugins: the environment
 * model, its validation, and the AWS, network and Kubernetes facts they rest
 * on. No I/O: safe in the browser, the backend and the scaffolder.
 */

export * from './network/cidr';
export * from './aws/regions';
export * from './aws/instanceTypes';
export * from './aws/prices';
export * from './aws/tags';
export * from './aws/console';
export * from './kubernetes/versions';
export * from './kubernetes/labels';
export * from './kubernetes/upgradeReadiness';
export * from './environment/types';
export * from './environment/presets';
export * from './environment/ipCapacity';
export * from './environment/resize';
export * from './environment/validate';
export * from './environment/plan';
export * from './environment/graph';
export * from './catalog/clusterEntity';
export * from './catalog/clusterEntityFor';
export * from './catalog/managedCluster';
export type { ValidationOptions } from './environment/validation/options';
export { DEFAULT_MAX_NODES_PER_NODE_GROUP } from './environment/validation/options';
export type {
  ValidationProblem,
  ValidationRuleId,
} from './environment/validation/problems';
export {
  formatProblems,
  VALIDATION_RULE_IDS,
} from './environment/validation/problems';
export {
  isGroupEntityRef,
  isValidEksClusterName,
  isValidNodeGroupName,
} from './environment/validation/rules/identityRules';
export * from './capacity';
export * from './slo';
export * from './deployments';
export * from './cost';
export * from './permissions';
