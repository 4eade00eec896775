import {
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
}
