/**
 * EKS Pod Identity associations: stored and listed (CreatePodIdentityAssociation, the
 * `podIdentityAssociations` of CreateAddon, List/Describe/Delete), and what goes wrong with
 * them as an add-on's health shows it.
 *
 * EKS does not check the role when the association is made; the agent's
 * AssumeRoleForPodIdentity fails later, when pods ask for credentials ("Create IAM role with
 * trust policy required by EKS Pod Identity": pods.eks.amazonaws.com with sts:AssumeRole and
 * sts:TagSession; the eks-pod-identity-agent add-on must run on the nodes). The sandbox shows
 * that failure as an add-on issue with code AddonPermissionFailure; the message is the
 * sandbox's, not EKS's wording.
 */
import { randomUUID } from 'node:crypto';
import type {
  AddonIssue,
  CreatePodIdentityAssociationRequest,
  CreatePodIdentityAssociationResponse,
  DeletePodIdentityAssociationResponse,
  DescribePodIdentityAssociationResponse,
  ListPodIdentityAssociationsResponse,
  PodIdentityAssociation,
} from '@aws-sdk/client-eks';
import { checkRole, liveClusterOrThrow } from './clusterHandlers';
import { invalidParameter, resourceInUse, resourceNotFound } from './eksErrors';
import { StoredAddon, StoredCluster } from './eksStore';
import { EksCall, EksHandler, requestOf } from './handlerTypes';
import { phaseOf } from './lifecycle';

const POD_IDENTITY_PRINCIPAL = 'pods.eks.amazonaws.com';
const POD_IDENTITY_ACTIONS = ['sts:AssumeRole', 'sts:TagSession'];
const AGENT = 'eks-pod-identity-agent';

/** One association per service account: a second one is refused before anything is made. */
export function checkAssociationFree(
  cluster: StoredCluster,
  namespace: string,
  serviceAccount: string,
): void {
  const taken = cluster.podIdentityAssociations.some(
    a => a.namespace === namespace && a.serviceAccount === serviceAccount,
  );
  if (taken) {
    throw resourceInUse(
      `Association already exists for namespace ${namespace} and service account ${serviceAccount}`,
    );
  }
}

/** Deleting an add-on deletes the associations it made. */
export function deleteAssociationsOf(
  cluster: StoredCluster,
  ownerArn: string | undefined,
): void {
  if (!ownerArn) return;
  cluster.podIdentityAssociations = cluster.podIdentityAssociations.filter(
    a => a.ownerArn !== ownerArn,
  );
}

export function createAssociation(
  call: EksCall,
  cluster: StoredCluster,
  input: {
    namespace: string;
    serviceAccount: string;
    roleArn: string;
    tags?: Record<string, string>;
    ownerArn?: string;
  },
): PodIdentityAssociation {
  const clusterName = cluster.cluster.name ?? '';
  checkAssociationFree(cluster, input.namespace, input.serviceAccount);
  const associationId = `a-${randomUUID().replace(/-/g, '').slice(0, 17)}`;
  const association: PodIdentityAssociation = {
    clusterName,
    namespace: input.namespace,
    serviceAccount: input.serviceAccount,
    roleArn: input.roleArn,
    associationId,
    associationArn: call.store.arn(
      `podidentityassociation/${clusterName}/${associationId}`,
    ),
    tags: input.tags ?? {},
    ownerArn: input.ownerArn,
    createdAt: call.context.clock.now(),
    modifiedAt: call.context.clock.now(),
  };
  cluster.podIdentityAssociations.push(association);
  return association;
}

/** What the add-on's pods meet when they ask for the credentials of their associations. */
export function podIdentityIssues(
  call: EksCall,
  cluster: StoredCluster,
  addon: StoredAddon,
): AddonIssue[] {
  const owned = cluster.podIdentityAssociations.filter(
    a => a.ownerArn === addon.addon.addonArn,
  );
  if (owned.length === 0) return [];
  const now = call.context.clock.nowMillis();
  const issues: AddonIssue[] = [];
  for (const association of owned) {
    const role = call.deps.roles(
      call.context,
      call.accountId,
      association.roleArn ?? '',
    );
    if (!role?.trusts(POD_IDENTITY_PRINCIPAL, POD_IDENTITY_ACTIONS)) {
      issues.push({
        code: 'AddonPermissionFailure',
        message: `The role ${association.roleArn} of pod identity association ${
          association.associationId
        } does not allow ${POD_IDENTITY_PRINCIPAL} to perform ${POD_IDENTITY_ACTIONS.join(
          ' and ',
        )}`,
        resourceIds: [association.associationArn ?? ''],
      });
    }
  }
  // Without nodes no pod asks for credentials; with nodes, the agent must serve them.
  const nodesRun = cluster.nodegroups.some(
    group => phaseOf(group.lifecycle, now) === 'ACTIVE',
  );
  const agentRuns = cluster.addons.some(
    a => a.addon.addonName === AGENT && phaseOf(a.lifecycle, now) === 'ACTIVE',
  );
  if (nodesRun && !agentRuns) {
    issues.push({
      code: 'AddonPermissionFailure',
      message: `Pod identity associations need the ${AGENT} add-on, which is not running on this cluster`,
      resourceIds: owned.map(a => a.associationArn ?? ''),
    });
  }
  return issues;
}

function associationOrThrow(
  cluster: StoredCluster,
  associationId: string,
): PodIdentityAssociation {
  const association = cluster.podIdentityAssociations.find(
    a => a.associationId === associationId,
  );
  if (!association) {
    throw resourceNotFound(
      `Association id ${associationId} not found for cluster ${cluster.cluster.name}`,
    );
  }
  return association;
}

const create: EksHandler = call => {
  const input = requestOf<CreatePodIdentityAssociationRequest>(call);
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  for (const field of ['namespace', 'serviceAccount', 'roleArn'] as const) {
    if (!input[field]) throw invalidParameter(`${field} is required`);
  }
  // A repeated request (same ClientToken) returns what the first one made: the SDK
  // retries a create whose answer was lost (CreatePodIdentityAssociation,
  // "clientRequestToken ... to ensure the idempotency of the request", EKS API Reference).
  const repeated = cluster.podIdentityAssociations.find(
    a =>
      input.clientRequestToken !== undefined &&
      cluster.podIdentityTokens.get(a.associationId ?? '') ===
        input.clientRequestToken,
  );
  if (repeated) {
    const repeat: CreatePodIdentityAssociationResponse = {
      association: repeated,
    };
    return repeat;
  }
  // The role must exist as EKS sees it; its trust is only tried when pods use it.
  checkRole(call, input.roleArn, undefined);
  const association = createAssociation(call, cluster, {
    namespace: input.namespace!,
    serviceAccount: input.serviceAccount!,
    roleArn: input.roleArn!,
    tags: input.tags,
  });
  if (input.clientRequestToken) {
    cluster.podIdentityTokens.set(
      association.associationId!,
      input.clientRequestToken,
    );
  }
  const result: CreatePodIdentityAssociationResponse = { association };
  return result;
};

const list: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const namespace = call.query.get('namespace');
  const serviceAccount = call.query.get('serviceAccount');
  const result: ListPodIdentityAssociationsResponse = {
    associations: cluster.podIdentityAssociations
      .filter(
        a =>
          (!namespace || a.namespace === namespace) &&
          (!serviceAccount || a.serviceAccount === serviceAccount),
      )
      .map(a => ({
        clusterName: a.clusterName,
        namespace: a.namespace,
        serviceAccount: a.serviceAccount,
        associationArn: a.associationArn,
        associationId: a.associationId,
        ownerArn: a.ownerArn,
      })),
  };
  return result;
};

const describe: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const result: DescribePodIdentityAssociationResponse = {
    association: associationOrThrow(cluster, call.params.associationId),
  };
  return result;
};

const remove: EksHandler = call => {
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  const association = associationOrThrow(cluster, call.params.associationId);
  cluster.podIdentityAssociations = cluster.podIdentityAssociations.filter(
    a => a !== association,
  );
  const result: DeletePodIdentityAssociationResponse = { association };
  return result;
};

export const POD_IDENTITY_HANDLERS: Record<string, EksHandler> = {
  CreatePodIdentityAssociation: create,
  ListPodIdentityAssociations: list,
  DescribePodIdentityAssociation: describe,
  DeletePodIdentityAssociation: remove,
};
