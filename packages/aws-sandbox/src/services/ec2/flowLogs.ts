import {
  CreateFlowLogs$,
  CreateFlowLogsRequest,
  CreateFlowLogsResult,
  DeleteFlowLogs$,
  DeleteFlowLogsRequest,
  DeleteFlowLogsResult,
  DescribeFlowLogs$,
  DescribeFlowLogsRequest,
  DescribeFlowLogsResult,
  FlowLog,
  UnsuccessfulItem,
} from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate, tagsFromSpecifications } from './describe';
import { missingParameter } from './errors';
import { ec2Operation, idempotent, tagList } from './operation';
import { bucketExists, bucketOf, logGroupExists } from './flowLogDestinations';
import { Ec2Call } from './store';

const DEFAULT_LOG_FORMAT =
  '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

export function createFlowLogs(
  call: Ec2Call,
  input: CreateFlowLogsRequest,
): CreateFlowLogsResult {
  const { store, context, accountId, region } = call;
  const destinationType = input.LogDestinationType ?? 'cloud-watch-logs';
  if (!input.ResourceIds?.length) throw missingParameter('ResourceId');
  if (!input.TrafficType) throw missingParameter('TrafficType');
  if (destinationType === 'cloud-watch-logs') {
    if (!input.DeliverLogsPermissionArn) {
      throw new AwsError(
        'InvalidParameter',
        "DeliverLogsPermissionArn can't be empty if LogDestinationType is cloud-watch-logs.",
      );
    }
    if (!input.LogGroupName && !input.LogDestination)
      throw missingParameter('LogGroupName');
  }
  const tags = tagsFromSpecifications(input.TagSpecifications, 'vpc-flow-log');
  const logDestination =
    input.LogDestination ??
    `arn:aws:logs:${region}:${accountId}:log-group:${input.LogGroupName}`;
  const logGroupName =
    input.LogGroupName ?? /:log-group:([^:]+)/.exec(logDestination)?.[1] ?? '';
  const missingBucket =
    destinationType === 's3' && !bucketExists(context, bucketOf(logDestination))
      ? bucketOf(logDestination)
      : undefined;
  const logGroupMissing =
    destinationType === 'cloud-watch-logs' &&
    !logGroupExists(context, { accountId, region }, logGroupName);
  const flowLogIds: string[] = [];
  const unsuccessful: UnsuccessfulItem[] = [];
  for (const resourceId of input.ResourceIds) {
    const { id } = idempotent(
      call,
      input.ClientToken && `${input.ClientToken}/${resourceId}`,
      () => {
        if (!store.vpcs.has(resourceId)) {
          unsuccessful.push({
            ResourceId: resourceId,
            Error: {
              Code: 'InvalidVpcID.NotFound',
              Message: `The vpc ID '${resourceId}' does not exist`,
            },
          });
          return '';
        }
        if (missingBucket !== undefined) {
          unsuccessful.push({
            ResourceId: resourceId,
            Error: {
              Code: '400',
              Message: `LogDestination: ${missingBucket} does not exist.`,
            },
          });
          return '';
        }
        const duplicate = [...store.flowLogs.values()].some(
          f =>
            f.ResourceId === resourceId &&
            f.TrafficType === input.TrafficType &&
            f.LogDestination === logDestination,
        );
        if (duplicate) {
          unsuccessful.push({
            ResourceId: resourceId,
            Error: {
              Code: 'FlowLogAlreadyExists',
              Message:
                'Error. There is an existing Flow Log with the same configuration and log destination.',
            },
          });
          return '';
        }
        const flowLogId = context.state.nextId('fl');
        store.flowLogs.set(flowLogId, {
          FlowLogId: flowLogId,
          CreationTime: context.clock.now(),
          ResourceId: resourceId,
          TrafficType: input.TrafficType,
          LogDestinationType: destinationType,
          LogDestination: logDestination,
          LogGroupName:
            destinationType === 'cloud-watch-logs' ? logGroupName : undefined,
          DeliverLogsPermissionArn: input.DeliverLogsPermissionArn,
          DeliverLogsStatus: logGroupMissing ? 'FAILED' : 'SUCCESS',
          ...(logGroupMissing
            ? { DeliverLogsErrorMessage: 'Access error' }
            : {}),
          FlowLogStatus: 'ACTIVE',
          LogFormat: input.LogFormat ?? DEFAULT_LOG_FORMAT,
          MaxAggregationInterval: input.MaxAggregationInterval ?? 600,
        });
        store.setTags(flowLogId, tags);
        return flowLogId;
      },
    );
    if (id) flowLogIds.push(id);
  }
  return {
    ClientToken: input.ClientToken,
    FlowLogIds: flowLogIds,
    Unsuccessful: unsuccessful,
  };
}

const describe = (call: Ec2Call, flowLog: FlowLog): FlowLog => ({
  ...flowLog,
  Tags: tagList(call.store, flowLog.FlowLogId!),
});

export const flowLogOperations = {
  CreateFlowLogs: ec2Operation<CreateFlowLogsRequest, CreateFlowLogsResult>(
    CreateFlowLogs$,
    (input, call) => createFlowLogs(call, input),
  ),

  DescribeFlowLogs: ec2Operation<
    DescribeFlowLogsRequest,
    DescribeFlowLogsResult
  >(DescribeFlowLogs$, (input, call) => {
    const { store } = call;
    const matching = [...store.flowLogs.values()]
      .filter(f => !input.FlowLogIds || input.FlowLogIds.includes(f.FlowLogId!))
      .filter(f =>
        matchesFilters(
          input.Filter,
          store.tagsOf(f.FlowLogId!),
          name =>
            ({
              'flow-log-id': [f.FlowLogId],
              'resource-id': [f.ResourceId],
              'traffic-type': [f.TrafficType],
              'log-group-name': [f.LogGroupName],
              'log-destination-type': [f.LogDestinationType],
              'deliver-log-status': [f.DeliverLogsStatus],
            }[name]),
        ),
      );
    const { page, nextToken } = paginate(
      matching,
      input.MaxResults,
      input.NextToken,
    );
    return { FlowLogs: page.map(f => describe(call, f)), NextToken: nextToken };
  }),

  DeleteFlowLogs: ec2Operation<DeleteFlowLogsRequest, DeleteFlowLogsResult>(
    DeleteFlowLogs$,
    (input, call) => {
      if (!input.FlowLogIds?.length) throw missingParameter('FlowLogId');
      const unsuccessful: UnsuccessfulItem[] = [];
      for (const id of input.FlowLogIds) {
        if (call.store.flowLogs.delete(id)) {
          call.store.tags.delete(id);
        } else {
          unsuccessful.push({
            ResourceId: id,
            Error: {
              Code: 'InvalidFlowLogId.NotFound',
              Message: `These flow log ids in the input list are not found: [TotalCount: 1] ${id}`,
            },
          });
        }
      }
      return { Unsuccessful: unsuccessful };
    },
  ),
};
