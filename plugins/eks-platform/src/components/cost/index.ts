export { EksCostCard } from './EksCostCard';
export { EksCostContent } from './EksCostContent';
export { CostIcon } from './CostIcon';
export {
  CLOUD_COST_PAGE_TITLE,
  EksCostPage,
  EksCostPageContent,
} from './finance/EksCostPage';
