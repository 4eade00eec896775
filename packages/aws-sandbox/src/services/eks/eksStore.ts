import {
  AccessEntry,
  Addon,
  AddonIssueCode,
  AssociatedAccessPolicy,
  Cluster,
  ErrorDetail,
  Nodegroup,
  PodIdentityAssociation,
  Update,
} from '@aws-sdk/client-eks';
import { SandboxContext } from '../../core/types';
import { Lifecycle, phaseOf } from './lifecycle';

/**
 * What is stored of each resource: the SDK shape without the fields computed on read
 * (status, endpoint…), its lifecycle and the idempotency token it was created with.
 */
export interface StoredNodegroup {
  nodegroup: Omit<Nodegroup, 'status'>;
  lifecycle: Lifecycle;
  clientRequestToken?: string;
  /** Set while an UpdateNodegroupConfig or UpdateNodegroupVersion is in progress. */
  updatingUntil?: number;
  /** The version an UpdateNodegroupVersion rolls the nodes to, once it completes. */
  pendingVersion?: string;
}

export interface StoredAddon {
  addon: Omit<Addon, 'status'>;
  lifecycle: Lifecycle;
  clientRequestToken?: string;
  /** Why the add-on ends CREATE_FAILED once its creation time is over, if it does. */
  failure?: { code: AddonIssueCode; message: string };
  /** Set while an UpdateAddon is in progress. */
  updatingUntil?: number;
}

export interface StoredAccessEntry {
  entry: AccessEntry;
  policies: AssociatedAccessPolicy[];
}

export interface StoredUpdate {
  update: Omit<Update, 'status'>;
  completesAt: number;
  nodegroupName?: string;
  addonName?: string;
  /** The request's idempotency token: the same token answers the same update. */
  clientRequestToken?: string;
  /** Why the update fails once its time is over; it succeeds without. */
  failure?: ErrorDetail;
}

export interface StoredCluster {
  cluster: Omit<
    Cluster,
    'status' | 'endpoint' | 'certificateAuthority' | 'identity'
  >;
  lifecycle: Lifecycle;
  clientRequestToken?: string;
  certificateAuthorityData: string;
  oidcIssuer: string;
  /** Every node group ever created, deleted ones included (their lifecycle says GONE). */
  nodegroups: StoredNodegroup[];
  addons: StoredAddon[];
  /**
   * Add-ons running unmanaged in kube-system: vpc-cni, kube-proxy and coredns, which
   * CreateCluster installs unless `bootstrapSelfManagedAddons` is false.
   */
  selfManagedAddons: Set<string>;
  /** EKS Pod Identity associations, made directly or by an add-on (its `ownerArn`). */
  podIdentityAssociations: PodIdentityAssociation[];
  /** Association id → the ClientToken it was created with (AWS never returns it). */
  podIdentityTokens: Map<string, string>;
  /** Principal ARN → entry. */
  accessEntries: Map<string, StoredAccessEntry>;
  updates: StoredUpdate[];
  /** An UpdateClusterVersion: the cluster is UPDATING until it completes, then on `to`. */
  versionUpdate?: { to: string; completesAt: number };
  /** Upgrade insights the sandbox was told this cluster has (`upgradeHandlers.ts`). */
  insights?: SeededInsight[];
}

/** An EKS upgrade insight's finding, as a seed describes it. */
export interface SeededInsight {
  id: string;
  name: string;
  status: 'PASSING' | 'WARNING' | 'ERROR';
  reason: string;
  description: string;
  recommendation: string;
  /** The Kubernetes version the finding is about (the next minor). */
  kubernetesVersion: string;
  deprecationDetails?: {
    usage: string;
    replacedWith: string;
    stopServingVersion: string;
    startServingReplacementVersion: string;
    clientStats: {
      userAgent: string;
      numberOfRequestsLast30Days: number;
      lastRequestTime: Date;
    }[];
  }[];
}

/** EKS resources of one account and region; deleted clusters stay for the inventory. */
export class EksStore {
  readonly clusters: StoredCluster[] = [];

  constructor(readonly accountId: string, readonly region: string) {}

  /** The cluster named `name` that still exists (creating, active or deleting). */
  liveCluster(name: string, now: number): StoredCluster | undefined {
    return this.clusters.find(
      stored =>
        stored.cluster.name === name &&
        phaseOf(stored.lifecycle, now) !== 'GONE',
    );
  }

  liveClusters(now: number): StoredCluster[] {
    return this.clusters.filter(
      stored => phaseOf(stored.lifecycle, now) !== 'GONE',
    );
  }

  arn(resource: string): string {
    return `arn:aws:eks:${this.region}:${this.accountId}:${resource}`;
  }
}

export function eksStoreOf(
  context: SandboxContext,
  accountId: string,
  region: string,
): EksStore {
  return context.state.scope(
    'eks',
    accountId,
    region,
    () => new EksStore(accountId, region),
  );
}

export function liveNodegroups(
  stored: StoredCluster,
  now: number,
): StoredNodegroup[] {
  return stored.nodegroups.filter(ng => phaseOf(ng.lifecycle, now) !== 'GONE');
}

export function liveAddons(stored: StoredCluster, now: number): StoredAddon[] {
  return stored.addons.filter(
    addon => phaseOf(addon.lifecycle, now) !== 'GONE',
  );
}
