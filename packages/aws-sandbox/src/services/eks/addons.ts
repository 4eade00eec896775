import { randomUUID } from 'node:crypto';
import { Addon, AddonIssue, CreateAddonRequest } from '@aws-sdk/client-eks';
import {
  addonVersionsFor,
  defaultAddonVersion,
  isKnownAddon,
} from './addonCatalog';
import { invalidParameter } from './eksErrors';
import { EksStore, StoredAddon, StoredCluster } from './eksStore';
import { Lifecycle, phaseOf } from './lifecycle';

/** The version an add-on request resolves to on this cluster, checked like EKS does. */
export function resolveAddonVersion(
  cluster: StoredCluster,
  addonName: string,
  requested: string | undefined,
): string {
  const clusterVersion = cluster.cluster.version ?? '';
  if (!isKnownAddon(addonName)) {
    throw invalidParameter(`Addon ${addonName} specified is not supported`);
  }
  if (requested === undefined) {
    const fallback = defaultAddonVersion(addonName, clusterVersion);
    if (!fallback) {
      throw invalidParameter(
        `Addon ${addonName} is not supported for Kubernetes version ${clusterVersion}`,
      );
    }
    return fallback;
  }
  if (!addonVersionsFor(addonName, clusterVersion).includes(requested)) {
    throw invalidParameter('Addon version specified is not supported');
  }
  return requested;
}

/** Stores an add-on from a validated request; used by CreateAddon and seeding. */
export function storeAddon(
  store: EksStore,
  cluster: StoredCluster,
  input: CreateAddonRequest & { addonName: string; addonVersion: string },
  lifecycle: Lifecycle,
): StoredAddon {
  const clusterName = cluster.cluster.name ?? '';
  const addon: Omit<Addon, 'status'> = {
    addonName: input.addonName,
    clusterName,
    addonVersion: input.addonVersion,
    health: { issues: [] },
    addonArn: store.arn(
      `addon/${clusterName}/${input.addonName}/${randomUUID()}`,
    ),
    createdAt: new Date(lifecycle.createdAt),
    modifiedAt: new Date(lifecycle.createdAt),
    serviceAccountRoleArn: input.serviceAccountRoleArn,
    tags: input.tags ?? {},
    publisher: 'eks',
    owner: 'aws',
    configurationValues: input.configurationValues,
    podIdentityAssociations: [],
  };
  const stored: StoredAddon = {
    addon,
    lifecycle,
    clientRequestToken: input.clientRequestToken,
  };
  cluster.addons.push(stored);
  return stored;
}

/** The add-on as EKS reports it; `issues` are what its pods meet once it runs. */
export function addonView(
  stored: StoredAddon,
  now: number,
  issues: AddonIssue[] = [],
): Addon {
  const phase = phaseOf(stored.lifecycle, now);
  if (phase === 'ACTIVE' && !stored.failure && issues.length > 0) {
    return { ...stored.addon, status: 'DEGRADED', health: { issues } };
  }
  if (phase === 'ACTIVE' && stored.failure) {
    return {
      ...stored.addon,
      status: 'CREATE_FAILED',
      health: {
        issues: [
          {
            code: stored.failure.code,
            message: stored.failure.message,
            resourceIds: [],
          },
        ],
      },
    };
  }
  if (
    phase === 'ACTIVE' &&
    stored.updatingUntil !== undefined &&
    now < stored.updatingUntil
  ) {
    return { ...stored.addon, status: 'UPDATING' };
  }
  return { ...stored.addon, status: phase === 'GONE' ? 'DELETING' : phase };
}
