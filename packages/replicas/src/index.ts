/**
 * The backend as several replicas on PostgreSQL and Redis behind one local address:
 * `yarn start:replicas`, the replica integration tests and bench/load.
 */
export { startBalancer } from './balancer';
export type { BalancerOptions, RunningBalancer } from './balancer';
export { Replica } from './replica';
export type { ReplicaOptions } from './replica';
export {
  dropDatabases,
  freePort,
  REPLICA_CONFIG_FILES,
  startReplicaSet,
} from './replicaSet';
export type { ReplicaSet, ReplicaSetOptions } from './replicaSet';
export { startLocalServices } from './services';
export type { ServiceSettings } from './services';
