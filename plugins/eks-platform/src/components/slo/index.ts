export { EksSloCard } from './EksSloCard';
export { EksSloContent } from './EksSloContent';
