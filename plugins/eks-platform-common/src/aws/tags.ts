/**
 * Tag keys the EKS platform puts on every AWS resource of an environment, besides the
 * spec's cost-allocation tags. The provisioning actions find resources again by them, the
 * destroy action deletes by them and the catalog discovers clusters by them.
 */

/** The environment's name (`dpj-prod`): what `environment:destroy` deletes by. */
export const ENVIRONMENT_NAME_TAG = 'eks-platform:environment-name';
/** The scaffolder task that created the resource: a rollback deletes only its own. */
export const TASK_ID_TAG = 'eks-platform:task-id';
/** The resource's role in the environment (`vpc`, `public-subnet-eu-west-3a`…). */
export const COMPONENT_TAG = 'eks-platform:component';
