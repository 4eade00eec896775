/**
 * The Kubernetes backend's clusters, from the catalog's `kubernetes-cluster` entities the
 * product manages only. The stock catalog locator takes every such entity: anyone who
 * registers one with `kubernetes.io/api-server` set to their own server would receive
 * the backend's EKS token whenever the cluster is read. Details are built as the stock
 * locator builds them, so the Kubernetes plugin sees the same clusters otherwise.
 */
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_KUBERNETES_API_SERVER,
  ANNOTATION_KUBERNETES_API_SERVER_CA,
  ANNOTATION_KUBERNETES_AUTH_PROVIDER,
  ANNOTATION_KUBERNETES_DASHBOARD_APP,
  ANNOTATION_KUBERNETES_DASHBOARD_PARAMETERS,
  ANNOTATION_KUBERNETES_DASHBOARD_URL,
  ANNOTATION_KUBERNETES_SKIP_METRICS_LOOKUP,
  ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY,
} from '@backstage/plugin-kubernetes-common';
import {
  ClusterDetails,
  KubernetesClustersSupplier,
} from '@backstage/plugin-kubernetes-node';
import { JsonObject } from '@backstage/types';
import { ClusterEntityTrust } from '../shared/trustedClusterEntity';

const CLUSTER_ENTITIES = {
  filter: { kind: 'Resource', 'spec.type': 'kubernetes-cluster' },
};
/** Never handed to an auth strategy from an annotation, as in the stock locator. */
const BLOCKED_AUTH_METADATA = new Set(['serviceAccountToken']);

/** The `kubernetes.clusterLocatorMethods` entry of type `catalog`, as the stock locator reads it. */
export interface CatalogLocatorOptions {
  /** Host names (`*.example.com` patterns) whose API server may be plain http. */
  dangerouslyAllowClusterUrls?: string[];
  dangerouslyAllowSkipTLSVerify?: boolean;
}

export interface TrustedClusterSupplierOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  trust: ClusterEntityTrust;
  locator?: CatalogLocatorOptions;
}

/**
 * Reads the options of the `catalog` cluster locator method. Other methods cannot run
 * beside this supplier (the Kubernetes plugin takes one), so they fail the start
 * rather than silently losing their clusters.
 */
export function readCatalogLocatorOptions(
  config: Config,
): CatalogLocatorOptions | undefined {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const others = methods
    .map(method => method.getString('type'))
    .filter(type => type !== 'catalog');
  if (others.length > 0) {
    throw new Error(
      `kubernetes.clusterLocatorMethods: the eks-platform cluster supplier replaces the catalog locator and cannot run beside ${others.join(
        ', ',
      )}`,
    );
  }
  const catalog = methods[0];
  if (!catalog) return undefined;
  return {
    dangerouslyAllowClusterUrls: catalog.getOptionalStringArray(
      'dangerouslyAllowClusterUrls',
    ),
    dangerouslyAllowSkipTLSVerify: catalog.getOptionalBoolean(
      'dangerouslyAllowSkipTLSVerify',
    ),
  };
}

function hostAllowed(hostname: string, patterns: string[] = []): boolean {
  const host = hostname.toLowerCase();
  return patterns.some(raw => {
    const pattern = raw.toLowerCase();
    return pattern.startsWith('*.')
      ? host.endsWith(pattern.slice(1)) || host === pattern.slice(2)
      : host === pattern;
  });
}

function dashboardParameters(text: string | undefined): JsonObject | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

export class TrustedClusterSupplier implements KubernetesClustersSupplier {
  /** Each refused entity is logged once per process, not on every proxied request. */
  private readonly reported = new Set<string>();

  constructor(private readonly options: TrustedClusterSupplierOptions) {}

  async getClusters(options?: {
    credentials: BackstageCredentials;
  }): Promise<ClusterDetails[]> {
    const { catalog, auth, trust } = this.options;
    const { items } = await catalog.getEntities(CLUSTER_ENTITIES, {
      credentials: options?.credentials ?? (await auth.getNoneCredentials()),
    });
    const { trusted, untrusted } = trust.partition(items);
    for (const { entity, reason } of untrusted) {
      this.warnOnce(entity, `Kubernetes clusters: ignoring ${reason}`);
    }
    return trusted.flatMap(entity => {
      const details = this.toClusterDetails(entity);
      return details ? [details] : [];
    });
  }

  private toClusterDetails(entity: Entity): ClusterDetails | undefined {
    const annotations = entity.metadata.annotations ?? {};
    const url = annotations[ANNOTATION_KUBERNETES_API_SERVER];
    const caData = annotations[ANNOTATION_KUBERNETES_API_SERVER_CA];
    const authProvider = annotations[ANNOTATION_KUBERNETES_AUTH_PROVIDER];
    // The entities the stock locator asks the catalog for: all three annotations set.
    if (!url || !caData || !authProvider) return undefined;
    // The stock locator refuses it too: the token would be the backend's own.
    if (authProvider === 'serviceAccount') {
      this.warnOnce(
        entity,
        `Kubernetes clusters: ignoring ${stringifyEntityRef(
          entity,
        )}: the serviceAccount auth provider is not read from the catalog`,
      );
      return undefined;
    }
    const problem = this.urlProblem(url);
    if (problem) {
      this.warnOnce(
        entity,
        `Kubernetes clusters: ignoring ${stringifyEntityRef(
          entity,
        )}: ${problem}`,
      );
      return undefined;
    }
    const locator = this.options.locator ?? {};
    const dashboardUrl = annotations[ANNOTATION_KUBERNETES_DASHBOARD_URL];
    const dashboardApp = annotations[ANNOTATION_KUBERNETES_DASHBOARD_APP];
    const parameters = dashboardParameters(
      annotations[ANNOTATION_KUBERNETES_DASHBOARD_PARAMETERS],
    );
    return {
      name: entity.metadata.name,
      ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      url,
      authMetadata: Object.fromEntries(
        Object.entries(annotations).filter(
          ([key]) =>
            key.startsWith('kubernetes.io/') && !BLOCKED_AUTH_METADATA.has(key),
        ),
      ),
      caData,
      skipMetricsLookup:
        annotations[ANNOTATION_KUBERNETES_SKIP_METRICS_LOOKUP] === 'true',
      skipTLSVerify:
        (locator.dangerouslyAllowSkipTLSVerify ?? false) &&
        annotations[ANNOTATION_KUBERNETES_SKIP_TLS_VERIFY] === 'true',
      ...(dashboardUrl ? { dashboardUrl } : {}),
      ...(dashboardApp ? { dashboardApp } : {}),
      ...(parameters ? { dashboardParameters: parameters } : {}),
    };
  }

  /**
   * The stock locator's URL rules, but for the address check: a managed entity's API
   * server comes from EKS DescribeCluster or from a file the operator configured, not
   * from a registrant, so a private endpoint (a VPC-only cluster) is the operator's choice.
   */
  private urlProblem(text: string): string | undefined {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return 'the API server URL is not a valid URL';
    }
    if (url.username || url.password) {
      return 'the API server URL must not contain credentials';
    }
    if (url.protocol === 'https:') return undefined;
    const allowed = hostAllowed(
      url.hostname,
      this.options.locator?.dangerouslyAllowClusterUrls,
    );
    return url.protocol === 'http:' && allowed
      ? undefined
      : 'the API server URL must use https';
  }

  private warnOnce(entity: Entity, message: string) {
    const key = `${stringifyEntityRef(entity)}\n${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.options.logger.warn(message);
  }
}
