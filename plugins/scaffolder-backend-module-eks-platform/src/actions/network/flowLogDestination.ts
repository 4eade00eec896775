/**
 * Where the VPC flow logs go. The action does not create the destination, it takes an
 * existing one as input:
 *
 * - a CloudWatch Logs log group needs a log group and an IAM role that
 *   vpc-flow-logs.amazonaws.com assumes to write to it. Creating them here would give the
 *   scaffolder logs:CreateLogGroup, iam:CreateRole and iam:PutRolePolicy — enough to grant
 *   itself anything. Given both, it needs only ec2:CreateFlowLogs and iam:PassRole on that
 *   one role; the platform team creates the group (retention, KMS key) and role once per
 *   account.
 * - an S3 bucket (ARN, optionally with a folder) needs no role: delivery is authorized by the
 *   bucket policy (the caller needs logs:CreateLogDelivery). It is also the cheaper
 *   destination for the volume a production VPC produces.
 *
 * The log group must be in the environment's account and region (cross-account delivery
 * needs DeliverCrossAccountRole, which this action does not offer); so must the role.
 */
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import type { InputProblem } from '../shared/environmentInput';

export type FlowLogDestination =
  | {
      type: 'cloud-watch-logs';
      /** The log group's ARN, without the `:*` DescribeLogGroups appends. */
      arn: string;
      logGroupName: string;
      deliveryRoleArn: string;
    }
  | {
      type: 's3';
      /** `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/folder`. */
      arn: string;
      bucket: string;
      prefix?: string;
    };

export const FLOW_LOG_DESTINATION_FIELD = 'flowLogDestinationArn';
export const FLOW_LOG_ROLE_FIELD = 'flowLogDeliveryRoleArn';

const LOG_GROUP_ARN =
  /^arn:([a-z-]+):logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)(?::\*)?$/;
/** CloudWatch Logs log group names. */
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const S3_ARN = /^arn:([a-z-]+):s3:::([^/]+)(?:\/(.*))?$/;
/** S3 general purpose bucket names (no dots next to each other, not an IP address). */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d+\.\d+\.\d+\.\d+$/;
/** IAM role ARN: optional path, then a name of up to 64 characters. */
const ROLE_ARN =
  /^arn:([a-z-]+):iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?([\w+=,.@-]{1,64})$/;

/** All the regions the platform offers are in the commercial partition. */
const PARTITION = 'aws';

const problem = (path: string, message: string): InputProblem => ({
  path,
  message,
  rule: 'flow-log-destination',
});

function checkRole(
  roleArn: unknown,
  spec: EnvironmentSpec,
  problems: InputProblem[],
): string | undefined {
  if (roleArn === undefined || roleArn === '') {
    problems.push(
      problem(
        FLOW_LOG_ROLE_FIELD,
        `${FLOW_LOG_ROLE_FIELD} is required with a CloudWatch Logs destination: the IAM role vpc-flow-logs.amazonaws.com assumes to write to the log group (logs:CreateLogStream, logs:PutLogEvents, logs:DescribeLogStreams)`,
      ),
    );
    return undefined;
  }
  const match = typeof roleArn === 'string' ? ROLE_ARN.exec(roleArn) : null;
  if (!match) {
    problems.push(
      problem(
        FLOW_LOG_ROLE_FIELD,
        `${FLOW_LOG_ROLE_FIELD} must be an IAM role ARN such as arn:aws:iam::${
          spec.account
        }:role/vpc-flow-logs, got ${JSON.stringify(roleArn)}`,
      ),
    );
    return undefined;
  }
  const [, partition, account] = match;
  if (partition !== PARTITION) {
    problems.push(
      problem(
        FLOW_LOG_ROLE_FIELD,
        `${FLOW_LOG_ROLE_FIELD} is in the ${partition} partition; ${spec.region} is in ${PARTITION}`,
      ),
    );
  }
  if (account !== spec.account) {
    problems.push(
      problem(
        FLOW_LOG_ROLE_FIELD,
        `${FLOW_LOG_ROLE_FIELD} belongs to account ${account}; it must be a role of the environment's account ${spec.account}`,
      ),
    );
  }
  return roleArn as string;
}

function readLogGroup(
  arn: string,
  match: RegExpExecArray,
  roleArn: unknown,
  spec: EnvironmentSpec,
  problems: InputProblem[],
): FlowLogDestination | undefined {
  const [, partition, region, account, logGroupName] = match;
  const before = problems.length;
  if (partition !== PARTITION) {
    problems.push(
      problem(
        FLOW_LOG_DESTINATION_FIELD,
        `${FLOW_LOG_DESTINATION_FIELD} is in the ${partition} partition; ${spec.region} is in ${PARTITION}`,
      ),
    );
  }
  if (region !== spec.region) {
    problems.push(
      problem(
        FLOW_LOG_DESTINATION_FIELD,
        `the log group of ${FLOW_LOG_DESTINATION_FIELD} is in ${region}; flow logs of a VPC in ${spec.region} go to a log group of ${spec.region}`,
      ),
    );
  }
  if (account !== spec.account) {
    problems.push(
      problem(
        FLOW_LOG_DESTINATION_FIELD,
        `the log group of ${FLOW_LOG_DESTINATION_FIELD} belongs to account ${account}; it must be in the environment's account ${spec.account}`,
      ),
    );
  }
  if (!LOG_GROUP_NAME.test(logGroupName)) {
    problems.push(
      problem(
        FLOW_LOG_DESTINATION_FIELD,
        `"${logGroupName}" is not a CloudWatch Logs log group name (1 to 512 of letters, digits and . - _ / #)`,
      ),
    );
  }
  const deliveryRoleArn = checkRole(roleArn, spec, problems);
  if (problems.length > before || !deliveryRoleArn) return undefined;
  return {
    type: 'cloud-watch-logs',
    arn: arn.replace(/:\*$/, ''),
    logGroupName,
    deliveryRoleArn,
  };
}

function readBucket(
  arn: string,
  match: RegExpExecArray,
  roleArn: unknown,
  problems: InputProblem[],
): FlowLogDestination | undefined {
  const [, partition, bucket, folder] = match;
  const before = problems.length;
  if (partition !== PARTITION) {
    problems.push(
      problem(
        FLOW_LOG_DESTINATION_FIELD,
        `${FLOW_LOG_DESTINATION_FIELD} is in the ${partition} partition; the platform's regions are in ${PARTITION}`,
      ),
    );
  }
  if (
    !BUCKET_NAME.test(bucket) ||
    bucket.includes('..') ||
    IP_ADDRESS.test(bucket)
  ) {
    problems.push(
      problem(
        FLOW_LOG_DESTINATION_FIELD,
        `"${bucket}" is not an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit)`,
      ),
    );
  }
  const prefix = folder?.replace(/\/+$/, '') || undefined;
  if (folder !== undefined && folder.startsWith('/')) {
    problems.push(
      problem(
        FLOW_LOG_DESTINATION_FIELD,
        `the folder of ${FLOW_LOG_DESTINATION_FIELD} must not start with "/"`,
      ),
    );
  }
  if (prefix?.split('/').includes('AWSLogs')) {
    problems.push(
      problem(
        FLOW_LOG_DESTINATION_FIELD,
        `the folder of ${FLOW_LOG_DESTINATION_FIELD} must not be named AWSLogs: AWS reserves it (flow logs are written under <folder>/AWSLogs/)`,
      ),
    );
  }
  if (roleArn !== undefined && roleArn !== '') {
    problems.push(
      problem(
        FLOW_LOG_ROLE_FIELD,
        `${FLOW_LOG_ROLE_FIELD} is only used with a CloudWatch Logs destination; S3 delivery is authorized by the bucket policy, so leave it out`,
      ),
    );
  }
  if (problems.length > before) return undefined;
  return { type: 's3', arn, bucket, ...(prefix ? { prefix } : {}) };
}

/** Reads and checks the flow log fields of the input against the environment. */
export function readFlowLogDestination(
  input: { flowLogDestinationArn?: unknown; flowLogDeliveryRoleArn?: unknown },
  spec: EnvironmentSpec,
): { destination?: FlowLogDestination; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const arn = input.flowLogDestinationArn;
  const roleArn = input.flowLogDeliveryRoleArn;
  if (arn === undefined || arn === '') {
    problems.push(
      problem(
        FLOW_LOG_DESTINATION_FIELD,
        `${FLOW_LOG_DESTINATION_FIELD} is required: the ARN of an existing CloudWatch Logs log group (with ${FLOW_LOG_ROLE_FIELD}) or S3 bucket the VPC flow logs are delivered to`,
      ),
    );
    return { problems };
  }
  if (typeof arn !== 'string') {
    problems.push(
      problem(
        FLOW_LOG_DESTINATION_FIELD,
        `${FLOW_LOG_DESTINATION_FIELD} must be a string`,
      ),
    );
    return { problems };
  }
  const logGroup = LOG_GROUP_ARN.exec(arn);
  if (logGroup) {
    const destination = readLogGroup(arn, logGroup, roleArn, spec, problems);
    return { destination, problems };
  }
  const bucket = S3_ARN.exec(arn);
  if (bucket) {
    const destination = readBucket(arn, bucket, roleArn, problems);
    return { destination, problems };
  }
  problems.push(
    problem(
      FLOW_LOG_DESTINATION_FIELD,
      `${FLOW_LOG_DESTINATION_FIELD} must be a CloudWatch Logs log group ARN (arn:aws:logs:${
        spec.region
      }:${
        spec.account
      }:log-group:NAME) or an S3 bucket ARN (arn:aws:s3:::BUCKET[/FOLDER]), got ${JSON.stringify(
        arn,
      )}`,
    ),
  );
  return { problems };
}
