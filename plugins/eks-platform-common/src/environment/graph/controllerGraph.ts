/**
 * What the platform's controllers need in AWS, as cluster-step nodes: a role per controller
 * (trusted through EKS Pod Identity by this cluster only), the Pod Identity associations no
 * add-on makes (those of charts), and the log group Fluent Bit writes to, with the preset's
 * retention.
 */
import { clusterName, EnvironmentSpec } from '../types';
import { podIdentityTrustPolicy } from './clusterIam';
import {
  CONTAINER_LOG_RETENTION_DAYS,
  containerLogGroupName,
  CONTROLLER_IDENTITIES,
} from './controllerIam';
import { roleNodes, roleReadyKeys } from './iamNodes';
import { node, ResourceNode } from './types';

export const CONTROLLER_KEYS = {
  /** A Pod Identity association the cluster step makes (no add-on makes it). */
  podIdentity: (serviceAccount: string) => `pod-identity-${serviceAccount}`,
  containerLogs: 'container-logs',
} as const;

export function controllerNodes(spec: EnvironmentSpec): ResourceNode[] {
  const cluster = clusterName(spec);
  const scope = { account: spec.account, region: spec.region, cluster };
  const roles = CONTROLLER_IDENTITIES.flatMap(identity =>
    roleNodes(
      cluster,
      identity.roleKey,
      podIdentityTrustPolicy(scope),
      identity.managedPolicies,
      `${identity.description}; ${identity.namespace}/${identity.serviceAccount} through EKS Pod Identity, this cluster only`,
      identity.inlinePolicy?.(scope),
    ),
  );
  // EKS gives the role to the service account once the chart creates it.
  const associations = CONTROLLER_IDENTITIES.filter(i => !i.addon).map(
    identity =>
      node({
        key: CONTROLLER_KEYS.podIdentity(identity.serviceAccount),
        kind: 'pod-identity-association',
        step: 'cluster',
        type: 'AWS::EKS::PodIdentityAssociation',
        name: `${identity.namespace}/${identity.serviceAccount}`,
        description: `gives it ${cluster}-${identity.roleKey}`,
        // The cluster node (CLUSTER_KEYS.cluster, which imports this file).
        refs: { cluster: 'cluster', role: identity.roleKey },
        after: roleReadyKeys(identity),
        properties: {
          namespace: identity.namespace,
          serviceAccount: identity.serviceAccount,
        },
      }),
  );
  const retentionInDays = CONTAINER_LOG_RETENTION_DAYS[spec.environment];
  const logs = logGroupNodes(
    CONTROLLER_KEYS.containerLogs,
    containerLogGroupName(cluster),
    retentionInDays,
    `container logs Fluent Bit ships, kept ${retentionInDays} days`,
  );
  return [...roles, ...associations, ...logs];
}

/** A CloudWatch Logs group, then its retention as its setting. */
export function logGroupNodes(
  key: string,
  name: string,
  retentionInDays: number,
  description: string,
): ResourceNode[] {
  return [
    node({
      key,
      kind: 'log-group',
      step: 'cluster',
      type: 'AWS::Logs::LogGroup',
      name,
      description,
      refs: {},
      properties: {},
    }),
    node({
      key: `${key}.retention`,
      kind: 'log-group-retention',
      step: 'cluster',
      name,
      description: `${retentionInDays} days`,
      refs: { logGroup: key },
      partOf: key,
      properties: { retentionInDays },
    }),
  ];
}
