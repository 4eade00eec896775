import { randomUUID } from 'node:crypto';
import { AccessEntry } from '@aws-sdk/client-eks';
import { EksStore, StoredAccessEntry, StoredCluster } from './eksStore';
import { invalidParameter, resourceInUse } from './eksErrors';

/** EKS's predefined access policies (ListAccessPolicies). */
export const ACCESS_POLICY_NAMES = [
  'AmazonEKSAdminPolicy',
  'AmazonEKSAdminViewPolicy',
  'AmazonEKSClusterAdminPolicy',
  'AmazonEKSEditPolicy',
  'AmazonEKSViewPolicy',
  'AmazonEKSAutoNodePolicy',
  'AmazonEKSBlockStoragePolicy',
  'AmazonEKSComputePolicy',
  'AmazonEKSLoadBalancingPolicy',
  'AmazonEKSNetworkingPolicy',
];

export function accessPolicyArn(name: string): string {
  return `arn:aws:eks::aws:cluster-access-policy/${name}`;
}

export const ENTRY_TYPES = [
  'STANDARD',
  'EC2_LINUX',
  'EC2_WINDOWS',
  'FARGATE_LINUX',
  'EC2',
  'HYBRID_LINUX',
  'HYPERPOD_LINUX',
];

const PRINCIPAL = /^arn:aws:iam::(\d{12}):(role|user)\/(?:[^/]+\/)*([^/]+)$/;

/** The username EKS picks when none is given. */
function defaultUsername(
  type: string,
  principalArn: string,
  kind: string,
  name: string,
) {
  if (type === 'EC2_LINUX' || type === 'EC2_WINDOWS')
    return 'system:node:{{EC2PrivateDNSName}}';
  if (type === 'FARGATE_LINUX') return 'system:node:{{SessionName}}';
  if (kind === 'role') {
    const account = principalArn.split(':')[4];
    return `arn:aws:sts::${account}:assumed-role/${name}/{{SessionName}}`;
  }
  return principalArn;
}

export interface AccessEntryInput {
  principalArn: string;
  type?: string;
  username?: string;
  kubernetesGroups?: string[];
  tags?: Record<string, string>;
}

/** Adds an access entry to a cluster; used by CreateAccessEntry, CreateNodegroup and seeding. */
export function addAccessEntry(
  store: EksStore,
  stored: StoredCluster,
  input: AccessEntryInput,
  now: Date,
): StoredAccessEntry {
  const type = input.type ?? 'STANDARD';
  const match = PRINCIPAL.exec(input.principalArn);
  if (!match) {
    throw invalidParameter(`The principalArn parameter format is not valid`);
  }
  if (!ENTRY_TYPES.includes(type)) {
    throw invalidParameter(`The type ${type} is not a valid access entry type`);
  }
  if (type !== 'STANDARD' && (input.kubernetesGroups ?? []).length > 0) {
    throw invalidParameter(
      `Kubernetes groups cannot be specified for access entries of type ${type}`,
    );
  }
  if (stored.accessEntries.has(input.principalArn)) {
    throw resourceInUse(
      'The specified access entry resource is already in use on this cluster.',
    );
  }
  const [, account, kind, name] = match;
  const clusterName = stored.cluster.name ?? '';
  const groups =
    type === 'STANDARD' ? input.kubernetesGroups ?? [] : ['system:nodes'];
  const entry: AccessEntry = {
    clusterName,
    principalArn: input.principalArn,
    kubernetesGroups:
      type === 'STANDARD' || type.startsWith('EC2_') ? groups : [],
    accessEntryArn: store.arn(
      `access-entry/${clusterName}/${kind}/${account}/${name}/${randomUUID().slice(
        0,
        8,
      )}`,
    ),
    createdAt: now,
    modifiedAt: now,
    tags: input.tags ?? {},
    username:
      input.username ?? defaultUsername(type, input.principalArn, kind, name),
    type,
  };
  const created: StoredAccessEntry = { entry, policies: [] };
  stored.accessEntries.set(input.principalArn, created);
  return created;
}
