export { EksCapacityCard } from './EksCapacityCard';
export { EksCapacityContent } from './EksCapacityContent';
