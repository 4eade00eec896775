import { randomBytes } from 'node:crypto';
import { Cluster, LogSetup, LogType, Logging } from '@aws-sdk/client-eks';
import { SandboxContext } from '../../core/types';
import { StoredCluster } from './eksStore';
import { phaseOf } from './lifecycle';
import { isUpdatingVersion } from './versionUpdate';

export const ALL_LOG_TYPES: LogType[] = [
  'api',
  'audit',
  'authenticator',
  'controllerManager',
  'scheduler',
];

/** EKS answers logging as one enabled and one disabled group, whatever was sent. */
export function normaliseLogging(requested: Logging | undefined): Logging {
  const enabled = new Set<LogType>();
  for (const setup of requested?.clusterLogging ?? []) {
    for (const type of setup.types ?? []) {
      if (setup.enabled) enabled.add(type);
      else enabled.delete(type);
    }
  }
  const groups: LogSetup[] = [
    { types: ALL_LOG_TYPES.filter(t => enabled.has(t)), enabled: true },
    { types: ALL_LOG_TYPES.filter(t => !enabled.has(t)), enabled: false },
  ];
  return {
    clusterLogging: groups.filter(group => (group.types ?? []).length > 0),
  };
}

/** Base64 of a PEM-looking certificate: clients decode it, nobody verifies it here. */
/** Base64 PEM of the CA that signs the sandbox's Kubernetes endpoint, as EKS returns it. */
export function certificateAuthorityData(context: SandboxContext): string {
  return Buffer.from(context.kubernetesCertificatePem).toString('base64');
}

export function oidcIssuer(region: string): string {
  const id = randomBytes(16).toString('hex').toUpperCase();
  return `https://oidc.eks.${region}.amazonaws.com/id/${id}`;
}

/** The Kubernetes API the sandbox serves for a cluster. */
export function clusterEndpoint(
  context: SandboxContext,
  accountId: string,
  region: string,
  name: string,
): string {
  return `${context.kubernetesUrl}/k8s/${accountId}/${region}/${name}`;
}

/** The cluster as DescribeCluster shows it now: endpoint and CA appear once it is ACTIVE. */
export function clusterView(
  stored: StoredCluster,
  context: SandboxContext,
  accountId: string,
  region: string,
): Cluster {
  const now = context.clock.nowMillis();
  const phase = phaseOf(stored.lifecycle, now);
  let status: Cluster['status'] = phase === 'GONE' ? 'DELETING' : phase;
  if (phase === 'ACTIVE' && isUpdatingVersion(stored, now)) status = 'UPDATING';
  const ready = phase !== 'CREATING';
  return {
    ...stored.cluster,
    status,
    endpoint: ready
      ? clusterEndpoint(context, accountId, region, stored.cluster.name ?? '')
      : undefined,
    certificateAuthority: ready
      ? { data: stored.certificateAuthorityData }
      : {},
    identity: ready ? { oidc: { issuer: stored.oidcIssuer } } : undefined,
  };
}
