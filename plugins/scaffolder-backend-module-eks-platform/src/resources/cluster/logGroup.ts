/**
 * The CloudWatch Logs group of the container logs, found by name (it is unique in the
 * account and region; CreateLogGroup takes no ClientToken), and its retention as a setting,
 * so a crash between the two calls still ends with the preset's retention.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  ListTagsForResourceCommand,
  LogGroup,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { unlessMissing } from '../../actions/cluster/clusterClients';
import {
  ClusterHandler,
  existing,
  isListed,
  nodeTagMap,
} from './clusterResources';

async function logGroupNamed(
  logs: CloudWatchLogsClient,
  name: string,
): Promise<LogGroup | undefined> {
  const { logGroups = [] } = await logs.send(
    new DescribeLogGroupsCommand({ logGroupNamePrefix: name }),
  );
  return logGroups.find(g => g.logGroupName === name);
}

/** The group and its tags (the ownership the engine checks). */
async function describeGroup(
  logs: CloudWatchLogsClient,
  name: string,
): Promise<{ group: LogGroup; tags: Record<string, string> } | undefined> {
  const group = await logGroupNamed(logs, name);
  if (!group) return undefined;
  const tagged = await unlessMissing(() =>
    logs.send(
      new ListTagsForResourceCommand({ resourceArn: group.logGroupArn }),
    ),
  );
  return { group, tags: tagged?.tags ?? {} };
}

const asExisting = (found: { group: LogGroup; tags: Record<string, string> }) =>
  existing(found.group.logGroupName!, found.group.logGroupName!, found.tags, {
    arn: found.group.logGroupArn,
    properties: { retentionInDays: String(found.group.retentionInDays ?? '') },
  });

export const logGroup: ClusterHandler = {
  label: 'log group',
  async find(node, _refs, c) {
    const found = await describeGroup(c.clients.logs, node.name);
    return { live: found ? [asExisting(found)] : [] };
  },
  async create(node, _refs, c) {
    await c.clients.logs.send(
      new CreateLogGroupCommand({
        logGroupName: node.name,
        tags: nodeTagMap(c, node),
      }),
    );
    return node.name;
  },
  async list(c, filter, nodes) {
    const found = await Promise.all(
      nodes.map(n => describeGroup(c.clients.logs, n.name)),
    );
    return found
      .filter(f => f !== undefined && isListed(f.tags, filter))
      .map(f => asExisting(f!));
  },
  // The container logs go with the environment: export what must be kept first.
  async delete(resource, c) {
    await unlessMissing(() =>
      c.clients.logs.send(
        new DeleteLogGroupCommand({ logGroupName: resource.id }),
      ),
    );
    return false;
  },
};

export const logGroupRetention: ClusterHandler = {
  label: 'log retention',
  cachedIsLive: true,
  async create(node, refs, c) {
    const wanted = Number(node.properties.retentionInDays);
    const group = await logGroupNamed(c.clients.logs, refs.logGroup);
    if (group?.retentionInDays !== wanted) {
      await c.clients.logs.send(
        new PutRetentionPolicyCommand({
          logGroupName: refs.logGroup,
          retentionInDays: wanted,
        }),
      );
    }
    return refs.logGroup;
  },
};
