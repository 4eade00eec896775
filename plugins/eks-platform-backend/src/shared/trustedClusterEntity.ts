/**
 * Which cluster entities the product acts on. Any signed-in user can register a catalog
 * location, so a `kubernetes-cluster` entity's annotations (API server, AWS account,
 * cost allocation tags) are only believed when the entity comes from this product's EKS
 * catalog provider or from a catalog location of the configuration, and only for the AWS
 * accounts of the configuration. Every route, refresh and cluster supplier that reads
 * those annotations asks this one class first.
 */
import path from 'node:path';
import { Config } from '@backstage/config';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CustomErrorBase } from '@backstage/errors';
import {
  CLUSTER_ANNOTATIONS,
  EKS_CLUSTER_PROVIDER_NAME,
  NOT_MANAGED_CLUSTER_ERROR,
} from '@internal/plugin-eks-platform-common';

/** The entity's annotations are not this product's to act on; answered as a 404. */
export class NotManagedClusterError extends CustomErrorBase {
  name = NOT_MANAGED_CLUSTER_ERROR;
  /** Read by the backend's error middleware, which knows only its own error names. */
  readonly statusCode = 404;
}

export type ClusterTrustVerdict =
  | { trusted: true }
  | { trusted: false; reason: string };

export interface TrustPartition {
  trusted: Entity[];
  untrusted: Array<{ entity: Entity; reason: string }>;
}

/**
 * `catalog.locations` entries as the catalog backend's config location provider
 * stringifies them: a file target is resolved against the working directory, which the
 * catalog and this plugin share as they run in one backend process.
 */
function configuredLocationRefs(
  config: Config,
  workingDirectory: string,
): Set<string> {
  const locations = config.getOptionalConfigArray('catalog.locations') ?? [];
  return new Set(
    locations.map(location => {
      const type = location.getString('type');
      const target = location.getString('target');
      return `${type}:${
        type === 'file' ? path.resolve(workingDirectory, target) : target
      }`;
    }),
  );
}

/**
 * The accounts the operator listed: `aws.accounts`, and the accounts the EKS catalog
 * provider is told to look in (reached through `aws.accountDefaults` or the main account).
 */
function configuredAccountIds(config: Config): Set<string> {
  const accounts = (config.getOptionalConfigArray('aws.accounts') ?? []).map(
    account => account.getString('accountId'),
  );
  const discovered =
    config.getOptionalStringArray(
      'eksPlatform.catalog.clusterDiscovery.accountIds',
    ) ?? [];
  return new Set([...accounts, ...discovered]);
}

function describeSource(
  location: string | undefined,
  origin: string | undefined,
): string {
  if (location === undefined) {
    return `an unknown location (no ${ANNOTATION_LOCATION} annotation)`;
  }
  if (origin === undefined) {
    return `${location} (no ${ANNOTATION_ORIGIN_LOCATION} annotation)`;
  }
  return origin === location
    ? location
    : `${location} (registered through ${origin})`;
}

export class ClusterEntityTrust {
  static fromConfig(
    config: Config,
    workingDirectory: string = process.cwd(),
  ): ClusterEntityTrust {
    return new ClusterEntityTrust(
      configuredLocationRefs(config, workingDirectory),
      configuredAccountIds(config),
    );
  }

  constructor(
    private readonly locations: ReadonlySet<string>,
    private readonly accountIds: ReadonlySet<string>,
  ) {}

  verdict(entity: Entity): ClusterTrustVerdict {
    const annotations = entity.metadata.annotations ?? {};
    const ref = stringifyEntityRef(entity);
    const location = annotations[ANNOTATION_LOCATION];
    const origin = annotations[ANNOTATION_ORIGIN_LOCATION];
    // The catalog overwrites both annotations of every entity it reads from a location,
    // so a registered file cannot claim another source. Both must be trusted: a trusted
    // file referenced from a registered Location is still the registrant's choice.
    if (!this.isTrustedLocation(location) || !this.isTrustedLocation(origin)) {
      return {
        trusted: false,
        reason: `${ref} is not a managed cluster: its annotations come from ${describeSource(
          location,
          origin,
        )}, which is not this product's EKS catalog provider or a configured catalog location`,
      };
    }
    const accountId = annotations[CLUSTER_ANNOTATIONS.awsAccountId];
    if (accountId !== undefined && !this.accountIds.has(accountId)) {
      return {
        trusted: false,
        reason: `${ref} is not a managed cluster: it names AWS account ${JSON.stringify(
          accountId,
        )}, which is not configured (aws.accounts, eksPlatform.catalog.clusterDiscovery.accountIds)`,
      };
    }
    return { trusted: true };
  }

  /** Throws the 404 naming why, before anything is read for the entity. */
  assertManaged(entity: Entity): void {
    const verdict = this.verdict(entity);
    if (!verdict.trusted) throw new NotManagedClusterError(verdict.reason);
  }

  partition(entities: Entity[]): TrustPartition {
    const result: TrustPartition = { trusted: [], untrusted: [] };
    for (const entity of entities) {
      const verdict = this.verdict(entity);
      if (verdict.trusted) result.trusted.push(entity);
      else result.untrusted.push({ entity, reason: verdict.reason });
    }
    return result;
  }

  private isTrustedLocation(ref: string | undefined): boolean {
    if (ref === undefined) return false;
    // Only an entity provider sets this prefix: a registered location of that type
    // would find no processor to read it, so it yields no entities.
    if (ref.startsWith(`${EKS_CLUSTER_PROVIDER_NAME}:`)) return true;
    return this.locations.has(ref);
  }
}
