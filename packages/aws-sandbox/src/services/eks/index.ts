import { AwsError, AwsService } from '../../core/types';
import {
  matchRoute,
  parseJsonBody,
  restJsonError,
  restJsonResult,
} from '../../protocols/restJson';
import { roleAsSeenBy } from '../iam';
import { ACCESS_HANDLERS } from './accessHandlers';
import { ADDON_HANDLERS } from './addonHandlers';
import { CLUSTER_HANDLERS } from './clusterHandlers';
import { EksDependencies } from './deps';
import { eksStoreOf } from './eksStore';
import { EksHandler } from './handlerTypes';
import { NODEGROUP_HANDLERS } from './nodegroupHandlers';
import { POD_IDENTITY_HANDLERS } from './podIdentity';
import { EKS_ROUTES } from './routes';
import { TAG_HANDLERS } from './tagHandlers';
import { UPDATE_HANDLERS } from './updateHandlers';
import { UPGRADE_HANDLERS } from './upgradeHandlers';
import { ROLLING_UPDATE_HANDLERS } from './rollingUpdateHandlers';

export type {
  EksDependencies,
  RoleLookup,
  SubnetFacts,
  SubnetLookup,
} from './deps';
export { eksInventory } from './inventory';
export { seedEnvironment } from './seedEnvironment';
export type { SeedEnvironmentInput } from './seedEnvironment';
export { EKS_ADDON_NAMES } from './addonCatalog';

const HANDLERS: Record<string, EksHandler> = {
  ...CLUSTER_HANDLERS,
  ...POD_IDENTITY_HANDLERS,
  ...NODEGROUP_HANDLERS,
  ...UPDATE_HANDLERS,
  ...UPGRADE_HANDLERS,
  ...ROLLING_UPDATE_HANDLERS,
  ...ADDON_HANDLERS,
  ...ACCESS_HANDLERS,
  ...TAG_HANDLERS,
};

/**
 * EKS (REST-JSON): clusters, managed node groups, add-ons, access entries and tags, with
 * lifecycle states that follow AWS's durations scaled by the sandbox clock.
 */
export function createEksService(deps: EksDependencies): AwsService {
  const resolved: Required<EksDependencies> = {
    roles: roleAsSeenBy,
    clusterSecurityGroups: context => context.state.nextId('sg'),
    evictionBlocks: () => [],
    ...deps,
  };
  return {
    signingName: 'eks',
    throttlingCode: 'ThrottlingException',
    operationOf: request =>
      matchRoute(EKS_ROUTES, request.method, request.path)?.route.operation,
    handle(request, operation, context) {
      const matched = matchRoute(EKS_ROUTES, request.method, request.path);
      const handler = HANDLERS[operation];
      if (!matched || !handler) {
        throw new AwsError(
          'UnknownOperationException',
          `aws-sandbox does not emulate EKS ${request.method} ${request.path}`,
          404,
        );
      }
      const result = handler({
        params: matched.params,
        query: request.query,
        body: parseJsonBody(request.body),
        store: eksStoreOf(context, request.accountId, request.region),
        accountId: request.accountId,
        region: request.region,
        context,
        deps: resolved,
      });
      return restJsonResult(result);
    },
    renderError: error => restJsonError(error),
  };
}
