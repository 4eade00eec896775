/**
 * Catalog module of the EKS platform: a `kubernetes-cluster` Resource entity for every
 * EKS cluster the environment template created.
 *
 * @packageDocumentation
 */
export { catalogModuleEksPlatform as default } from './module';
export { EksClusterEntityProvider } from './EksClusterEntityProvider';
