/**
 * Node-only shared code of the EKS platform plugins.
 *
 * @packageDocumentation
 */
export { AwsClientFactory } from './AwsClientFactory';
export type { AwsClientSettings, AwsTarget } from './AwsClientFactory';
