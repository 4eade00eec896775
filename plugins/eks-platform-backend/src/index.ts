/**
 * Backend routes for EKS cluster capacity, SLO compliance and AWS cost.
 *
 * @packageDocumentation
 */
export { eksPlatformPlugin as default } from './plugin';
