import {
  AuditorService,
  AuthService,
  CacheService,
  DiscoveryService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';
import { Leases } from './shared/leases';

/** What every feature router of the plugin gets. */
export interface RouterOptions {
  logger: LoggerService;
  config: RootConfigService;
  cache: CacheService;
  discovery: DiscoveryService;
  auth: AuthService;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  permissions: PermissionsService;
  scheduler: SchedulerService;
  aws: AwsClientFactory;
  /** Records who changed which deployment, and ArgoCD's answer. */
  auditor?: AuditorService;
  /**
   * Shared by the backend replicas (the plugin's database), so that each cache entry
   * is computed by one replica; one process's own when absent.
   */
  leases?: Leases;
}
