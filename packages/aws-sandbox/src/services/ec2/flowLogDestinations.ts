/**
 * The S3 buckets and CloudWatch Logs log groups that exist, as far as VPC flow logs care.
 * The sandbox has no S3 or CloudWatch Logs API: destinations exist because the accounts were
 * seeded with them (a log archive bucket, a log group per account), as a bank's landing
 * zone provides them before any environment is made.
 *
 * What CreateFlowLogs does with a missing destination follows the moto emulator
 * (tests/test_ec2/test_flow_logs.py): an S3 bucket that does not exist is an unsuccessful
 * item "LogDestination: <bucket> does not exist."; a log group that does not exist still
 * gives a flow log, whose delivery FAILED with "Access error".
 */
import { SandboxContext } from '../../core/types';

interface Destinations {
  /** S3 bucket names are global. */
  buckets: Set<string>;
  /** `account/region/name` of each log group. */
  logGroups: Set<string>;
}

function destinationsOf(context: SandboxContext): Destinations {
  return context.state.scope(
    'flow-log-destinations',
    'global',
    'global',
    () => ({
      buckets: new Set<string>(),
      logGroups: new Set<string>(),
    }),
  );
}

export function addBucket(context: SandboxContext, bucket: string): void {
  destinationsOf(context).buckets.add(bucket);
}

export function addLogGroup(
  context: SandboxContext,
  scope: { accountId: string; region: string },
  name: string,
): void {
  destinationsOf(context).logGroups.add(
    `${scope.accountId}/${scope.region}/${name}`,
  );
}

/** `dpj-logs` of `arn:aws:s3:::dpj-logs/folder`. */
export function bucketOf(s3Arn: string): string {
  return s3Arn.replace(/^arn:[a-z-]+:s3:::/, '').split('/')[0];
}

export function bucketExists(context: SandboxContext, bucket: string): boolean {
  return destinationsOf(context).buckets.has(bucket);
}

export function logGroupExists(
  context: SandboxContext,
  scope: { accountId: string; region: string },
  name: string,
): boolean {
  return destinationsOf(context).logGroups.has(
    `${scope.accountId}/${scope.region}/${name}`,
  );
}
