import { randomUUID } from 'node:crypto';
import {
  CreateNodegroupRequest,
  Nodegroup,
  NodegroupScalingConfig,
} from '@aws-sdk/client-eks';
import { addAccessEntry } from './accessEntries';
import { invalidParameter } from './eksErrors';
import { EksStore, StoredCluster, StoredNodegroup } from './eksStore';
import { Lifecycle, phaseOf } from './lifecycle';

/** Checks min <= desired <= max as EKS does before it touches the Auto Scaling group. */
export function checkScaling(scaling: Required<NodegroupScalingConfig>): void {
  const { minSize, desiredSize, maxSize } = scaling;
  if (minSize < 0 || desiredSize < 0) {
    throw invalidParameter(
      'Minimum and desired size must be greater than or equal to 0',
    );
  }
  if (maxSize < 1) {
    throw invalidParameter('Maximum size must be greater than or equal to 1');
  }
  if (minSize > maxSize) {
    throw invalidParameter(
      `Minimum capacity ${minSize} can't be greater than max size ${maxSize}`,
    );
  }
  if (minSize > desiredSize) {
    throw invalidParameter(
      `Minimum capacity ${minSize} can't be greater than desired size ${desiredSize}`,
    );
  }
  if (desiredSize > maxSize) {
    throw invalidParameter(
      `Desired capacity ${desiredSize} can't be greater than max size ${maxSize}`,
    );
  }
}

/** Default AMI: AL2023 (EKS stopped publishing AL2 AMIs for Kubernetes 1.33 and later). */
const DEFAULT_AMI_TYPE = 'AL2023_x86_64_STANDARD';

/** The release (AMI) version EKS reports for a Kubernetes version. */
export function releaseVersionOf(version: string): string {
  return `${version}.0-20261110`;
}

/**
 * Stores a node group from a validated request; used by CreateNodegroup and seeding.
 * Like EKS, it gives the node role an EC2_LINUX access entry when the cluster uses access entries.
 */
export function storeNodegroup(
  store: EksStore,
  cluster: StoredCluster,
  input: CreateNodegroupRequest & { nodegroupName: string },
  lifecycle: Lifecycle,
): StoredNodegroup {
  const clusterName = cluster.cluster.name ?? '';
  const version = cluster.cluster.version ?? '';
  const launchTemplate = input.launchTemplate
    ? { ...input.launchTemplate, version: input.launchTemplate.version ?? '1' }
    : undefined;
  const nodegroup: Omit<Nodegroup, 'status'> = {
    nodegroupName: input.nodegroupName,
    nodegroupArn: store.arn(
      `nodegroup/${clusterName}/${input.nodegroupName}/${randomUUID()}`,
    ),
    clusterName,
    version,
    releaseVersion: releaseVersionOf(version),
    createdAt: new Date(lifecycle.createdAt),
    modifiedAt: new Date(lifecycle.createdAt),
    capacityType: input.capacityType ?? 'ON_DEMAND',
    scalingConfig: {
      minSize: input.scalingConfig?.minSize ?? 1,
      maxSize: input.scalingConfig?.maxSize ?? 2,
      desiredSize: input.scalingConfig?.desiredSize ?? 2,
    },
    instanceTypes:
      input.instanceTypes ?? (launchTemplate ? undefined : ['t3.medium']),
    subnets: input.subnets ?? [],
    amiType: input.amiType ?? (launchTemplate ? undefined : DEFAULT_AMI_TYPE),
    nodeRole: input.nodeRole,
    labels: input.labels ?? {},
    taints: input.taints ?? [],
    resources: {
      autoScalingGroups: [
        { name: `eks-${input.nodegroupName}-${randomUUID()}` },
      ],
    },
    diskSize: launchTemplate ? undefined : input.diskSize ?? 20,
    health: { issues: [] },
    updateConfig: input.updateConfig ?? { maxUnavailable: 1 },
    launchTemplate,
    tags: input.tags ?? {},
  };
  const stored: StoredNodegroup = {
    nodegroup,
    lifecycle,
    clientRequestToken: input.clientRequestToken,
  };
  cluster.nodegroups.push(stored);
  const mode = cluster.cluster.accessConfig?.authenticationMode;
  if (
    input.nodeRole &&
    mode !== 'CONFIG_MAP' &&
    !cluster.accessEntries.has(input.nodeRole)
  ) {
    addAccessEntry(
      store,
      cluster,
      { principalArn: input.nodeRole, type: 'EC2_LINUX' },
      new Date(lifecycle.createdAt),
    );
  }
  return stored;
}

/** The node group as DescribeNodegroup shows it now. */
export function nodegroupView(stored: StoredNodegroup, now: number): Nodegroup {
  const phase = phaseOf(stored.lifecycle, now);
  const updating =
    phase === 'ACTIVE' &&
    stored.updatingUntil !== undefined &&
    now < stored.updatingUntil;
  const settled = phase === 'GONE' ? 'DELETING' : phase;
  if (!updating && stored.pendingVersion) {
    stored.nodegroup.version = stored.pendingVersion;
    stored.nodegroup.releaseVersion = releaseVersionOf(stored.pendingVersion);
    stored.pendingVersion = undefined;
  }
  return { ...stored.nodegroup, status: updating ? 'UPDATING' : settled };
}
