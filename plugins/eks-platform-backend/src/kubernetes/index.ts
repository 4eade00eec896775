export { kubernetesModuleEksPlatformClusters } from './module';
