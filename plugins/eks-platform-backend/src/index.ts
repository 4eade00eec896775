/**
 * Backend routes for EKS cluster capacity, SLO compliance and AWS cost, and the
 * Kubernetes backend module that limits its clusters to the ones the product manages.
 *
 * @packageDocumentation
 */
export { eksPlatformPlugin as default } from './plugin';
export { kubernetesModuleEksPlatformClusters } from './kubernetes';
