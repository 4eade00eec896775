import {
  AccessScope,
  AssociateAccessPolicyResponse,
  CreateAccessEntryRequest,
  CreateAccessEntryResponse,
  DescribeAccessEntryResponse,
  ListAccessEntriesResponse,
  ListAccessPoliciesResponse,
  ListAssociatedAccessPoliciesResponse,
} from '@aws-sdk/client-eks';
import {
  ACCESS_POLICY_NAMES,
  accessPolicyArn,
  addAccessEntry,
} from './accessEntries';
import { liveClusterOrThrow } from './clusterHandlers';
import {
  invalidParameter,
  invalidRequest,
  resourceNotFound,
} from './eksErrors';
import { StoredAccessEntry, StoredCluster } from './eksStore';
import { EksCall, EksHandler, requestOf } from './handlerTypes';
import { pageByToken } from './pagination';

/** Access entries exist only on clusters that authenticate through the EKS API. */
function clusterWithAccessEntries(call: EksCall): StoredCluster {
  const cluster = liveClusterOrThrow(call, call.params.clusterName);
  if (cluster.cluster.accessConfig?.authenticationMode === 'CONFIG_MAP') {
    throw invalidRequest(
      "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.",
    );
  }
  return cluster;
}

function entryOrThrow(
  cluster: StoredCluster,
  principalArn: string,
): StoredAccessEntry {
  const stored = cluster.accessEntries.get(principalArn);
  if (!stored) {
    throw resourceNotFound(
      "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.",
    );
  }
  return stored;
}

const createAccessEntry: EksHandler = call => {
  const input = requestOf<CreateAccessEntryRequest>(call);
  const cluster = clusterWithAccessEntries(call);
  const stored = addAccessEntry(
    call.store,
    cluster,
    {
      principalArn: input.principalArn ?? '',
      type: input.type,
      username: input.username,
      kubernetesGroups: input.kubernetesGroups,
      tags: input.tags,
    },
    call.context.clock.now(),
  );
  const result: CreateAccessEntryResponse = { accessEntry: stored.entry };
  return result;
};

const describeAccessEntry: EksHandler = call => {
  const cluster = clusterWithAccessEntries(call);
  const result: DescribeAccessEntryResponse = {
    accessEntry: entryOrThrow(cluster, call.params.principalArn).entry,
  };
  return result;
};

const listAccessEntries: EksHandler = call => {
  const cluster = clusterWithAccessEntries(call);
  const policy = call.query.get('associatedPolicyArn');
  const arns = [...cluster.accessEntries.values()]
    .filter(
      stored => !policy || stored.policies.some(p => p.policyArn === policy),
    )
    .map(stored => stored.entry.principalArn ?? '');
  const page = pageByToken(arns, call.query);
  const result: ListAccessEntriesResponse = {
    accessEntries: page.items,
    nextToken: page.nextToken,
  };
  return result;
};

const deleteAccessEntry: EksHandler = call => {
  const cluster = clusterWithAccessEntries(call);
  entryOrThrow(cluster, call.params.principalArn);
  cluster.accessEntries.delete(call.params.principalArn);
  return {};
};

function checkAccessScope(scope: AccessScope | undefined): AccessScope {
  if (scope?.type === 'cluster') return { type: 'cluster', namespaces: [] };
  if (scope?.type === 'namespace') {
    if (!scope.namespaces?.length) {
      throw invalidParameter(
        'At least one namespace must be specified for namespace scoped access',
      );
    }
    return { type: 'namespace', namespaces: scope.namespaces };
  }
  throw invalidParameter(
    'The accessScope type must be one of [cluster, namespace]',
  );
}

const associateAccessPolicy: EksHandler = call => {
  const cluster = clusterWithAccessEntries(call);
  const stored = entryOrThrow(cluster, call.params.principalArn);
  const body = call.body as { policyArn?: string; accessScope?: AccessScope };
  const policyArn = body.policyArn ?? '';
  if (!ACCESS_POLICY_NAMES.some(name => accessPolicyArn(name) === policyArn)) {
    throw resourceNotFound(
      `The specified policy ${policyArn} could not be found.`,
    );
  }
  if (stored.entry.type !== 'STANDARD') {
    throw invalidRequest(
      `Access policies cannot be associated with access entries of type ${stored.entry.type}`,
    );
  }
  const accessScope = checkAccessScope(body.accessScope);
  const now = call.context.clock.now();
  const existing = stored.policies.find(p => p.policyArn === policyArn);
  const associated = existing ?? { policyArn, associatedAt: now };
  Object.assign(associated, { accessScope, modifiedAt: now });
  if (!existing) stored.policies.push(associated);
  const result: AssociateAccessPolicyResponse = {
    clusterName: cluster.cluster.name,
    principalArn: call.params.principalArn,
    associatedAccessPolicy: associated,
  };
  return result;
};

const disassociateAccessPolicy: EksHandler = call => {
  const cluster = clusterWithAccessEntries(call);
  const stored = entryOrThrow(cluster, call.params.principalArn);
  stored.policies = stored.policies.filter(
    p => p.policyArn !== call.params.policyArn,
  );
  return {};
};

const listAssociatedAccessPolicies: EksHandler = call => {
  const cluster = clusterWithAccessEntries(call);
  const stored = entryOrThrow(cluster, call.params.principalArn);
  const page = pageByToken(stored.policies, call.query);
  const result: ListAssociatedAccessPoliciesResponse = {
    clusterName: cluster.cluster.name,
    principalArn: call.params.principalArn,
    associatedAccessPolicies: page.items,
    nextToken: page.nextToken,
  };
  return result;
};

const listAccessPolicies: EksHandler = call => {
  const policies = ACCESS_POLICY_NAMES.map(name => ({
    name,
    arn: accessPolicyArn(name),
  }));
  const page = pageByToken(policies, call.query);
  const result: ListAccessPoliciesResponse = {
    accessPolicies: page.items,
    nextToken: page.nextToken,
  };
  return result;
};

export const ACCESS_HANDLERS: Record<string, EksHandler> = {
  CreateAccessEntry: createAccessEntry,
  DescribeAccessEntry: describeAccessEntry,
  ListAccessEntries: listAccessEntries,
  DeleteAccessEntry: deleteAccessEntry,
  AssociateAccessPolicy: associateAccessPolicy,
  DisassociateAccessPolicy: disassociateAccessPolicy,
  ListAssociatedAccessPolicies: listAssociatedAccessPolicies,
  ListAccessPolicies: listAccessPolicies,
};
