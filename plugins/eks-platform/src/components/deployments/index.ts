export { EksDeploymentsCard } from './EksDeploymentsCard';
export { EksDeploymentsContent } from './EksDeploymentsContent';
