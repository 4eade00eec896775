/**
 * CloudWatch Logs (JSON 1.1, `X-Amz-Target: Logs_20140328.<Operation>`): log groups with
 * retention and tags, log streams and events, as the CloudWatch Logs API Reference
 * describes them (errors: ResourceAlreadyExistsException "The specified log group already
 * exists", ResourceNotFoundException "The specified log group does not exist.").
 */
import type {
  DescribeLogGroupsResponse,
  LogGroup,
  DescribeLogStreamsResponse,
  GetLogEventsResponse,
  ListTagsForResourceResponse,
} from '@aws-sdk/client-cloudwatch-logs';
import { AwsError, AwsService } from '../../core/types';
import {
  awsJsonError,
  awsJsonOperation,
  awsJsonResult,
} from '../../protocols/awsJson';
import { parseJsonBody } from '../../protocols/restJson';
import { LogsStore, logsStoreOf, StoredLogGroup } from './logsStore';

export { logsStoreOf } from './logsStore';

/** PutRetentionPolicy's `retentionInDays` enum (CloudWatch Logs API Reference). */
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827,
  2192, 2557, 2922, 3288, 3653,
];

const NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

interface LogsCall {
  input: Record<string, any>;
  store: LogsStore;
  now: number;
}

function validName(value: unknown): string {
  const name = String(value ?? '');
  if (!NAME.test(name)) {
    throw new AwsError(
      'InvalidParameterException',
      `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`,
    );
  }
  return name;
}

function viewOf(store: LogsStore, group: StoredLogGroup): LogGroup {
  const arn = store.groupArn(group.logGroupName);
  return {
    logGroupName: group.logGroupName,
    creationTime: group.creationTime,
    retentionInDays: group.retentionInDays,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    logGroupArn: arn,
    storedBytes: [...group.streams.values()].reduce(
      (sum, s) => sum + s.events.reduce((n, e) => n + e.message.length, 0),
      0,
    ),
    kmsKeyId: group.kmsKeyId,
    logGroupClass: 'STANDARD',
  };
}

const HANDLERS: Record<string, (call: LogsCall) => object> = {
  CreateLogGroup({ input, store, now }) {
    const name = validName(input.logGroupName);
    if (store.groups.has(name)) {
      throw new AwsError(
        'ResourceAlreadyExistsException',
        'The specified log group already exists',
      );
    }
    store.groups.set(name, {
      logGroupName: name,
      creationTime: now,
      kmsKeyId: input.kmsKeyId,
      tags: new Map(Object.entries(input.tags ?? {})),
      streams: new Map(),
    });
    return {};
  },
  DescribeLogGroups({ input, store }) {
    const prefix = String(input.logGroupNamePrefix ?? '');
    const groups = [...store.groups.values()]
      .filter(g => g.logGroupName.startsWith(prefix))
      .sort((a, b) => a.logGroupName.localeCompare(b.logGroupName));
    const limit = Number(input.limit ?? 50);
    const start = input.nextToken ? Number(input.nextToken) : 0;
    const page = groups.slice(start, start + limit);
    const result: DescribeLogGroupsResponse = {
      logGroups: page.map(g => viewOf(store, g)),
      nextToken:
        start + limit < groups.length ? String(start + limit) : undefined,
    };
    return result;
  },
  DeleteLogGroup({ input, store }) {
    store.groupOrThrow(input.logGroupName);
    store.groups.delete(String(input.logGroupName));
    return {};
  },
  PutRetentionPolicy({ input, store }) {
    const group = store.groupOrThrow(input.logGroupName);
    if (!RETENTION_DAYS.includes(Number(input.retentionInDays))) {
      throw new AwsError(
        'InvalidParameterException',
        `1 validation error detected: Value '${
          input.retentionInDays
        }' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(
          ', ',
        )}]`,
      );
    }
    group.retentionInDays = Number(input.retentionInDays);
    return {};
  },
  ListTagsForResource({ input, store }) {
    const group = store.groupOfArn(input.resourceArn);
    const result: ListTagsForResourceResponse = {
      tags: Object.fromEntries(group.tags),
    };
    return result;
  },
  TagResource({ input, store }) {
    const group = store.groupOfArn(input.resourceArn);
    for (const [key, value] of Object.entries(input.tags ?? {})) {
      group.tags.set(key, String(value));
    }
    return {};
  },
  CreateLogStream({ input, store, now }) {
    const group = store.groupOrThrow(input.logGroupName);
    const name = String(input.logStreamName ?? '');
    if (group.streams.has(name)) {
      throw new AwsError(
        'ResourceAlreadyExistsException',
        'The specified log stream already exists',
      );
    }
    group.streams.set(name, { creationTime: now, events: [] });
    return {};
  },
  DescribeLogStreams({ input, store }) {
    const group = store.groupOrThrow(input.logGroupName);
    const prefix = String(input.logStreamNamePrefix ?? '');
    const result: DescribeLogStreamsResponse = {
      logStreams: [...group.streams.entries()]
        .filter(([name]) => name.startsWith(prefix))
        .map(([logStreamName, s]) => ({
          logStreamName,
          creationTime: s.creationTime,
          lastIngestionTime: s.events.at(-1)?.ingestionTime,
          arn: `${store.groupArn(
            group.logGroupName,
          )}:log-stream:${logStreamName}`,
        })),
    };
    return result;
  },
  GetLogEvents({ input, store }) {
    const group = store.groupOrThrow(input.logGroupName);
    const stream = group.streams.get(String(input.logStreamName ?? ''));
    if (!stream) {
      throw new AwsError(
        'ResourceNotFoundException',
        'The specified log stream does not exist.',
      );
    }
    const result: GetLogEventsResponse = {
      events: stream.events.map(({ timestamp, message, ingestionTime }) => ({
        timestamp,
        message,
        ingestionTime,
      })),
    };
    return result;
  },
};

export const logsService: AwsService = {
  signingName: 'logs',
  throttlingCode: 'ThrottlingException',
  operationOf: awsJsonOperation,
  handle(request, operation, context) {
    const handler = HANDLERS[operation];
    if (!handler) {
      throw new AwsError(
        'UnknownOperationException',
        `aws-sandbox does not emulate CloudWatch Logs ${operation}`,
      );
    }
    const result = handler({
      input: parseJsonBody(request.body) as Record<string, any>,
      store: logsStoreOf(context, request.accountId, request.region),
      now: context.clock.nowMillis(),
    });
    return awsJsonResult(result);
  },
  renderError: error => awsJsonError(error),
};
