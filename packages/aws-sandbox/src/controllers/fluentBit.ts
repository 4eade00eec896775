/**
 * What Fluent Bit's `cloudwatch_logs` output does in AWS once its DaemonSet runs on the
 * cluster's nodes (docs.fluentbit.io, "Amazon CloudWatch" output): it writes the container
 * logs into the log group its configuration names (`log_group_name`), in a stream named from
 * `log_stream_prefix` and the record's tag, calling CreateLogStream and PutLogEvents as the
 * role its service account gets; it creates the group only with `auto_create_group On`.
 * Without credentials that allow it, or without the group, nothing reaches CloudWatch.
 */
import type { SandboxContext } from '../core/types';
import type { Application } from '../services/argocd/argoCdStore';
import { eksStoreOf } from '../services/eks/eksStore';
import { logsStoreOf } from '../services/cloudwatchLogs';
import { ClusterPlacement, clusterRunsNodes } from './clusterWorkloads';
import { controllerCredentials } from './controllerCredentials';
import { helmReleaseOf } from './helmRelease';

/** The tag of the container logs of `kubernetes`-filtered inputs, as the chart sets it. */
const CONTAINER_LOG_TAG = 'kube.var.log.containers';

/** `Key value` lines of the chart's `config.outputs`. */
function outputSettings(values: Record<string, any> | undefined) {
  const outputs = String(values?.config?.outputs ?? '');
  return new Map(
    outputs
      .split('\n')
      .map(line => line.trim().split(/\s+/))
      .filter(parts => parts.length >= 2)
      .map(([key, ...rest]) => [key.toLowerCase(), rest.join(' ')]),
  );
}

/** Ships the cluster's container logs once, if Fluent Bit may; returns why not otherwise. */
export function shipContainerLogs(
  context: SandboxContext,
  target: Omit<ClusterPlacement, 'vpcId'>,
  app: Application,
): string | undefined {
  const now = context.clock.nowMillis();
  const cluster = eksStoreOf(
    context,
    target.accountId,
    target.region,
  ).liveCluster(target.clusterName, now);
  if (!cluster || !clusterRunsNodes(context, { ...target, vpcId: '' })) {
    return 'no node runs the DaemonSet';
  }
  const { values, namespace } = helmReleaseOf(app);
  const settings = outputSettings(values);
  const groupName = settings.get('log_group_name');
  if (!groupName) return 'no cloudwatch_logs output';
  const store = logsStoreOf(context, target.accountId, target.region);
  const streamName = `${
    settings.get('log_stream_prefix') ?? ''
  }${CONTAINER_LOG_TAG}`;
  const credentials = controllerCredentials(
    context,
    target.accountId,
    cluster,
    {
      namespace,
      serviceAccount: values.serviceAccount?.name ?? 'fluent-bit',
      action: 'logs:PutLogEvents',
      resource: `${store.groupArn(groupName)}:log-stream:${streamName}`,
      managedPolicyArns: [
        'arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy',
      ],
    },
  );
  if ('problem' in credentials) return credentials.problem;
  const group = store.groups.get(groupName);
  if (!group) {
    return `ResourceNotFoundException: The specified log group does not exist. (${groupName}, auto_create_group ${
      settings.get('auto_create_group') ?? 'Off'
    })`;
  }
  if (!group.streams.has(streamName)) {
    group.streams.set(streamName, {
      creationTime: now,
      events: [
        {
          timestamp: now,
          ingestionTime: now,
          message: JSON.stringify({
            log: `container logs of ${target.clusterName}`,
            kubernetes: { namespace_name: 'kube-system' },
          }),
          writtenBy: credentials.roleArn,
        },
      ],
    });
  }
  return undefined;
}
