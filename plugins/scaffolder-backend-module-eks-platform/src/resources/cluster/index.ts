/** The handlers of the cluster step's resource kinds, for the engine. */
import type { ClusterClients } from '../../actions/cluster/clusterClients';
import type { ResourceHandlers } from '../../engine/types';
import { accessEntry, accessPolicyAssociation } from './accessEntry';
import { eksAddon } from './eksAddon';
import { eksCluster } from './eksCluster';
import {
  iamRole,
  iamRoleInlinePolicy,
  iamRolePolicies,
  iamRoleTrust,
} from './iamRole';
import { logGroup, logGroupRetention } from './logGroup';
import { podIdentityAssociation } from './podIdentityAssociation';
import { kmsAlias, kmsKey, kmsKeyRotation } from './kmsKey';

export const CLUSTER_HANDLERS: ResourceHandlers<ClusterClients> = {
  'iam-role': iamRole,
  'iam-role-trust': iamRoleTrust,
  'iam-role-policies': iamRolePolicies,
  'iam-role-inline-policy': iamRoleInlinePolicy,
  'kms-key': kmsKey,
  'kms-alias': kmsAlias,
  'kms-key-rotation': kmsKeyRotation,
  'eks-cluster': eksCluster,
  'access-entry': accessEntry,
  'access-policy-association': accessPolicyAssociation,
  'eks-addon': eksAddon,
  'pod-identity-association': podIdentityAssociation,
  'log-group': logGroup,
  'log-group-retention': logGroupRetention,
};

export { addonVersionFor, describeAddon } from './eksAddon';
export { describeCluster } from './eksCluster';
export { KEY_DELETION_WINDOW_DAYS, keyPolicyFor } from './kmsKey';
export { samePolicyDocument } from './iamRole';
