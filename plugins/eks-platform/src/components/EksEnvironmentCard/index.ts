export { EksEnvironmentCard } from './EksEnvironmentCard';
