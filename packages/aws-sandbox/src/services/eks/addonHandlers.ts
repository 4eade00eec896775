import {
  checkAssociationFree,
  createAssociation,
  deleteAssociationsOf,
  podIdentityIssues,
} from './podIdentity';
import { takeOverFailure } from './selfManagedAddons';
import {
  CreateAddonRequest,
  CreateAddonResponse,
  DeleteAddonResponse,
  DescribeAddonResponse,
  DescribeAddonVersionsResponse,
  ListAddonsResponse,
} from '@aws-sdk/client-eks';
import { AWS_DURATIONS } from '../../core/clock';
import { addonInfos } from './addonCatalog';
import { addonView, resolveAddonVersion, storeAddon } from './addons';
import { checkRole, liveClusterOrThrow } from './clusterHandlers';
import { invalidParameter, resourceInUse, resourceNotFound } from './eksErrors';
import { liveAddons, StoredAddon, StoredCluster } from './eksStore';
import { EksCall, EksHandler, requestOf } from './handlerTypes';
import { startDeletion, startLifecycle } from './lifecycle';
import { checkClusterActive } from './nodegroupHandlers';
import { pageByToken } from './pagination';

export function liveAddonOrThrow(
  call: EksCall,
  cluster: StoredCluster,
  name: string,
): StoredAddon {
  const stored = liveAddons(cluster, call.context.clock.nowMillis()).find(
    addon => addon.addon.addonName === name,
  );
  if (!stored) {
    throw resourceNotFound(
      `No addon: ${name} found in cluster: ${cluster.cluster.name}`,
    );
  }
  return stored;
}

function checkConfigurationValues(values: string | undefined): void {
  if (values === undefined) return;
  const trimmed = values.trim();
  // EKS takes JSON or YAML; a JSON-looking value must parse.
  if (trimmed.startsWith('{')) {
    try {
      JSON.parse(trimmed);
    } catch {
      throw invalidParameter(
        'ConfigurationValue provided in request is not supported: Json schema validation failed',
      );
    }
  }
}

const createAddon: EksHandler = call => {
  const input = requestOf<CreateAddonRequest>(call);
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const name = input.addonName ?? '';
  const now = call.context.clock.nowMillis();
  const existing = liveAddons(cluster, now).find(
    addon => addon.addon.addonName === name,
  );
  if (existing) {
    if (
      input.clientRequestToken &&
      existing.clientRequestToken === input.clientRequestToken
    ) {
      const repeat: CreateAddonResponse = { addon: addonView(existing, now) };
      return repeat;
    }
    throw resourceInUse('Addon already exists.');
  }
  checkClusterActive(call, cluster);
  const addonVersion = resolveAddonVersion(cluster, name, input.addonVersion);
  checkConfigurationValues(input.configurationValues);
  for (const { serviceAccount, roleArn } of input.podIdentityAssociations ??
    []) {
    checkAssociationFree(cluster, 'kube-system', serviceAccount ?? '');
    checkRole(call, roleArn, undefined);
  }
  if (input.serviceAccountRoleArn) {
    checkRole(call, input.serviceAccountRoleArn, undefined);
  }
  const failure = takeOverFailure(cluster, { ...input, addonName: name });
  const stored = storeAddon(
    call.store,
    cluster,
    { ...input, addonName: name, addonVersion },
    startLifecycle(call.context.clock, AWS_DURATIONS.addonCreate),
  );
  stored.failure = failure;
  const associations = (input.podIdentityAssociations ?? []).map(
    ({ serviceAccount, roleArn }) =>
      createAssociation(call, cluster, {
        namespace: 'kube-system',
        serviceAccount: serviceAccount ?? '',
        roleArn: roleArn ?? '',
        ownerArn: stored.addon.addonArn,
      }).associationArn ?? '',
  );
  stored.addon.podIdentityAssociations = associations;
  // Managed from now on, unless the take-over failed and left the unmanaged copy.
  if (!failure) cluster.selfManagedAddons.delete(name);
  const result: CreateAddonResponse = { addon: addonView(stored, now) };
  return result;
};

const describeAddon: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const stored = liveAddonOrThrow(call, cluster, call.params.addonName);
  const result: DescribeAddonResponse = {
    addon: addonView(
      stored,
      call.context.clock.nowMillis(),
      podIdentityIssues(call, cluster, stored),
    ),
  };
  return result;
};

const listAddons: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const names = liveAddons(cluster, call.context.clock.nowMillis()).map(
    addon => addon.addon.addonName ?? '',
  );
  const page = pageByToken(names, call.query);
  const result: ListAddonsResponse = {
    addons: page.items,
    nextToken: page.nextToken,
  };
  return result;
};

const deleteAddon: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const stored = liveAddonOrThrow(call, cluster, call.params.addonName);
  deleteAssociationsOf(cluster, stored.addon.addonArn);
  startDeletion(
    stored.lifecycle,
    call.context.clock,
    AWS_DURATIONS.addonDelete,
  );
  const result: DeleteAddonResponse = {
    addon: addonView(stored, call.context.clock.nowMillis()),
  };
  return result;
};

const describeAddonVersions: EksHandler = call => {
  const { query, context } = call;
  const name = query.get('addonName');
  const types = query.getAll('types');
  const publishers = query.getAll('publishers');
  const owners = query.getAll('owners');
  const addons = addonInfos(
    context.clock.now(),
    query.get('kubernetesVersion') ?? undefined,
  ).filter(
    info =>
      (!name || info.addonName === name) &&
      (types.length === 0 || types.includes(info.type ?? '')) &&
      (publishers.length === 0 || publishers.includes(info.publisher ?? '')) &&
      (owners.length === 0 || owners.includes(info.owner ?? '')) &&
      (info.addonVersions ?? []).length > 0,
  );
  const page = pageByToken(addons, query);
  const result: DescribeAddonVersionsResponse = {
    addons: page.items,
    nextToken: page.nextToken,
  };
  return result;
};

export const ADDON_HANDLERS: Record<string, EksHandler> = {
  CreateAddon: createAddon,
  DescribeAddon: describeAddon,
  ListAddons: listAddons,
  DeleteAddon: deleteAddon,
  DescribeAddonVersions: describeAddonVersions,
};
