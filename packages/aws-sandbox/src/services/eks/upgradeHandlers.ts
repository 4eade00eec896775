/**
 * Upgrading a cluster's Kubernetes version and the upgrade insights that come before.
 *
 * - UpdateClusterVersion moves the control plane one minor version at a time, forward
 *   only: anything else is InvalidParameterException "Unsupported Kubernetes minor
 *   version update from 1.35 to 1.37" (EKS's wording, as Terraform and eksctl users
 *   quote it). The cluster is UPDATING for CONTROL_PLANE_UPDATE_SECONDS (about ten
 *   minutes in practice; AWS publishes no figure), then ACTIVE on the new version; the
 *   update is a `VersionUpdate` that DescribeUpdate follows. A repeated clientRequestToken
 *   is the same update.
 * - ListInsights / DescribeInsight answer the category UPGRADE_READINESS: the findings a
 *   seed gave the cluster, else a PASSING "Deprecated APIs removed in Kubernetes v<next>".
 *   Seeded findings are the sandbox's fixtures; their APIs and versions illustrate the
 *   shape of a finding, they are not Kubernetes' deprecation schedule.
 */
import { randomUUID } from 'node:crypto';
import {
  DescribeInsightResponse,
  InsightSummary,
  ListInsightsRequest,
  ListInsightsResponse,
  UpdateClusterVersionRequest,
  UpdateClusterVersionResponse,
} from '@aws-sdk/client-eks';
import { liveClusterOrThrow } from './clusterHandlers';
import { clusterVersionsOn } from './clusterVersions';
import { invalidParameter, resourceInUse, resourceNotFound } from './eksErrors';
import {
  eksStoreOf,
  SeededInsight,
  StoredCluster,
  StoredUpdate,
} from './eksStore';
import {
  jsonResponse,
  SandboxContext,
  SandboxResponse,
} from '../../core/types';
import { EksCall, EksHandler, requestOf } from './handlerTypes';
import { updateView } from './updateHandlers';
import { phaseOf } from './lifecycle';
import {
  isUpdatingVersion,
  settleVersionUpdate,
  minorOf,
} from './versionUpdate';

export const CONTROL_PLANE_UPDATE_SECONDS = 600;

const updateClusterVersion: EksHandler = call => {
  const input = requestOf<UpdateClusterVersionRequest>(call);
  const stored = liveClusterOrThrow(call, call.params.name);
  const { clock } = call.context;
  const now = clock.nowMillis();
  const repeated =
    input.clientRequestToken &&
    stored.updates.find(
      u =>
        u.clientRequestToken === input.clientRequestToken &&
        u.update.type === 'VersionUpdate',
    );
  if (repeated) {
    const answer: UpdateClusterVersionResponse = {
      update: updateView(repeated, now),
    };
    return answer;
  }
  if (
    phaseOf(stored.lifecycle, now) !== 'ACTIVE' ||
    isUpdatingVersion(stored, now)
  ) {
    throw resourceInUse(
      `Cluster ${stored.cluster.name} is not in ACTIVE state; an update is in progress or it is being created or deleted`,
    );
  }
  const current = stored.cluster.version ?? '';
  const target = input.version ?? '';
  const known = clusterVersionsOn(clock.now()).some(
    v => v.clusterVersion === target && v.versionStatus !== 'UNSUPPORTED',
  );
  if (!known)
    throw invalidParameter(`unsupported Kubernetes version ${target}`);
  if (minorOf(target) !== minorOf(current) + 1) {
    throw invalidParameter(
      `Unsupported Kubernetes minor version update from ${current} to ${target}`,
    );
  }
  const completesAt = now + clock.scaledMillis(CONTROL_PLANE_UPDATE_SECONDS);
  stored.versionUpdate = { to: target, completesAt };
  const update: StoredUpdate = {
    update: {
      id: randomUUID(),
      type: 'VersionUpdate',
      params: [
        { type: 'Version', value: target },
        { type: 'PlatformVersion', value: 'eks.1' },
      ],
      createdAt: new Date(now),
      errors: [],
    },
    completesAt,
    clientRequestToken: input.clientRequestToken,
  };
  stored.updates.push(update);
  const result: UpdateClusterVersionResponse = {
    update: updateView(update, now),
  };
  return result;
};

/** The cluster's findings: its seeded ones, or one passing check of the next version. */
function insightsOf(stored: StoredCluster, call: EksCall): SeededInsight[] {
  settleVersionUpdate(stored, call.context.clock.nowMillis());
  if (stored.insights) return stored.insights;
  const next = `1.${minorOf(stored.cluster.version ?? '1.0') + 1}`;
  return [
    {
      id: `${stored.cluster.name}-deprecated-apis-${next}`,
      name: `Deprecated APIs removed in Kubernetes v${next}`,
      status: 'PASSING',
      reason: 'No deprecated API usage detected within the last 30 days.',
      description: `Checks for usage of deprecated APIs that are scheduled for removal in Kubernetes v${next}.`,
      recommendation: 'No action needed.',
      kubernetesVersion: next,
    },
  ];
}

function summaryOf(insight: SeededInsight, now: Date): InsightSummary {
  return {
    id: insight.id,
    name: insight.name,
    category: 'UPGRADE_READINESS',
    kubernetesVersion: insight.kubernetesVersion,
    lastRefreshTime: now,
    lastTransitionTime: now,
    description: insight.description,
    insightStatus: { status: insight.status, reason: insight.reason },
  };
}

const listInsights: EksHandler = call => {
  const stored = liveClusterOrThrow(call, call.params.clusterName);
  const { filter } = requestOf<ListInsightsRequest>(call);
  const now = call.context.clock.now();
  const result: ListInsightsResponse = {
    insights: insightsOf(stored, call)
      .filter(
        i =>
          (!filter?.categories?.length ||
            filter.categories.includes('UPGRADE_READINESS')) &&
          (!filter?.statuses?.length || filter.statuses.includes(i.status)) &&
          (!filter?.kubernetesVersions?.length ||
            filter.kubernetesVersions.includes(i.kubernetesVersion)),
      )
      .map(i => summaryOf(i, now)),
  };
  return result;
};

const describeInsight: EksHandler = call => {
  const stored = liveClusterOrThrow(call, call.params.clusterName);
  const insight = insightsOf(stored, call).find(i => i.id === call.params.id);
  if (!insight) {
    throw resourceNotFound(`No insight found for ID: ${call.params.id}`);
  }
  const result: DescribeInsightResponse = {
    insight: {
      ...summaryOf(insight, call.context.clock.now()),
      recommendation: insight.recommendation,
      additionalInfo: {},
      resources: [],
      ...(insight.deprecationDetails
        ? {
            categorySpecificSummary: {
              deprecationDetails: insight.deprecationDetails,
            },
          }
        : {}),
    },
  };
  return result;
};

export const UPGRADE_HANDLERS: Record<string, EksHandler> = {
  UpdateClusterVersion: updateClusterVersion,
  ListInsights: listInsights,
  DescribeInsight: describeInsight,
};

/**
 * `PUT /_sandbox/insights` `{ accountId, region, clusterName, insights }`: the findings a
 * cluster's upgrade insights report from now on, as when the clients of a deprecated API
 * have been fixed; `insights: null` goes back to one passing check of the next version.
 */
export function setClusterInsights(
  context: SandboxContext,
  body: {
    accountId?: string;
    region?: string;
    clusterName?: string;
    insights?: SeededInsight[] | null;
  },
): SandboxResponse {
  const { accountId, region, clusterName } = body;
  const stored =
    accountId && region && clusterName
      ? eksStoreOf(context, accountId, region).liveCluster(
          clusterName,
          context.clock.nowMillis(),
        )
      : undefined;
  if (!stored) {
    return jsonResponse(404, {
      message: `no EKS cluster "${clusterName}" in account ${accountId}, region ${region}`,
    });
  }
  stored.insights = body.insights ?? undefined;
  return jsonResponse(200, { clusterName, insights: body.insights ?? null });
}
