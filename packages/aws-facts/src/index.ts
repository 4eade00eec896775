/**
 * Published AWS facts, as data with their sources. Both the product and the local sandbox
 * read them; neither shares behaviour through this package.
 *
 * @packageDocumentation
 */
export * from './instanceTypes';
export * from './regions';
export * from './kubernetesVersions';
export * from './prices';
