/** CloudWatch Logs state of one account and region: log groups, their streams and events. */
import { AwsError, SandboxContext } from '../../core/types';

export interface StoredLogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  /** Who wrote it (the role's ARN): AWS keeps it in CloudTrail, not in the event. */
  writtenBy?: string;
}

export interface StoredLogGroup {
  logGroupName: string;
  creationTime: number;
  retentionInDays?: number;
  kmsKeyId?: string;
  tags: Map<string, string>;
  streams: Map<string, { creationTime: number; events: StoredLogEvent[] }>;
}

export class LogsStore {
  readonly groups = new Map<string, StoredLogGroup>();

  constructor(readonly accountId: string, readonly region: string) {}

  /** `arn:aws:logs:<region>:<account>:log-group:<name>` (logGroupArn; `arn` adds `:*`). */
  groupArn(name: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${name}`;
  }

  groupOrThrow(name: unknown): StoredLogGroup {
    const group = this.groups.get(String(name ?? ''));
    if (!group) {
      throw new AwsError(
        'ResourceNotFoundException',
        'The specified log group does not exist.',
      );
    }
    return group;
  }

  /** The group a tagging call's `resourceArn` names (a log group ARN, with or without `:*`). */
  groupOfArn(resourceArn: unknown): StoredLogGroup {
    const prefix = this.groupArn('');
    const arn = String(resourceArn ?? '').replace(/:\*$/, '');
    if (!arn.startsWith(prefix)) {
      throw new AwsError(
        'InvalidParameterException',
        `Invalid resourceArn: ${resourceArn}`,
      );
    }
    return this.groupOrThrow(arn.slice(prefix.length));
  }
}

export function logsStoreOf(
  context: SandboxContext,
  accountId: string,
  region: string,
): LogsStore {
  return context.state.scope(
    'logs',
    accountId,
    region,
    () => new LogsStore(accountId, region),
  );
}
