/** The EC2 service of the sandbox and what seeding and other services use of it. */
export { ec2Service, EC2_OPERATIONS } from './service';
export { ec2Inventory } from './inventory';
export { seedNetwork } from './seedNetwork';
export type { SeededNetwork } from './seedNetwork';
export { ec2StoreOf, Ec2Store } from './store';
export {
  createSecurityGroupFor,
  subnetsOf,
  useSubnetAddresses,
} from './otherServices';
