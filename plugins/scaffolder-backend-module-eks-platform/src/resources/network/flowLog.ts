/**
 * The VPC's flow log, from the start so the rest of the build is recorded too. EC2 accepts
 * a flow log to a log group it cannot write to and reports the delivery as FAILED: such a
 * flow log is deleted and the create fails, naming the input field, since a network that
 * logs nothing would pass every later step unnoticed.
 */
import {
  CreateFlowLogsCommand,
  DeleteFlowLogsCommand,
  DescribeFlowLogsCommand,
  paginateDescribeFlowLogs,
} from '@aws-sdk/client-ec2';
import { FLOW_LOG_DESTINATION_FIELD } from '../../actions/network/flowLogDestination';
import {
  byId,
  collect,
  Ec2Context,
  Ec2Handler,
  existing,
  listFilters,
  nodeFilters,
  nodeTags,
  sender,
} from './ec2Resources';

async function deleteFlowLog(c: Ec2Context, flowLogId: string) {
  const { Unsuccessful = [] } = await sender(c)(
    new DeleteFlowLogsCommand({ FlowLogIds: [flowLogId] }),
  );
  // DeleteFlowLogs answers 200 and lists what it could not delete.
  const error = Unsuccessful[0]?.Error;
  if (error && !error.Code?.endsWith('NotFound')) {
    throw new Error(`${error.Code}: ${error.Message}`);
  }
}

export const flowLog: Ec2Handler = {
  label: 'flow log',
  tokened: true,
  async find(node, refs, c) {
    const flowLogs = await collect(
      paginateDescribeFlowLogs(
        { client: c.clients.ec2 },
        {
          Filter: [
            ...nodeFilters(c, node),
            { Name: 'resource-id', Values: [refs.vpc] },
          ],
        },
      ),
      p => p.FlowLogs,
    );
    return {
      live: flowLogs.map(f => existing(f.FlowLogId, f.Tags)).sort(byId),
    };
  },
  async create(node, refs, c, clientToken) {
    const send = sender(c);
    const { destinationType, destination, deliveryRoleArn } = node.properties;
    const result = await send(
      new CreateFlowLogsCommand({
        ClientToken: clientToken,
        ResourceIds: [refs.vpc],
        ResourceType: 'VPC',
        TrafficType: 'ALL',
        LogDestinationType: destinationType as 'cloud-watch-logs' | 's3',
        LogDestination: String(destination),
        ...(deliveryRoleArn
          ? { DeliverLogsPermissionArn: String(deliveryRoleArn) }
          : {}),
        TagSpecifications: nodeTags(c, 'vpc-flow-log', node),
      }),
    );
    // CreateFlowLogs answers 200 and lists what it could not create.
    const failure = result.Unsuccessful?.[0]?.Error;
    const flowLogId = result.FlowLogIds?.[0];
    if (failure || !flowLogId) {
      throw new Error(
        `CreateFlowLogs did not create the flow log of ${refs.vpc}: ${
          failure ? `${failure.Code}: ${failure.Message}` : 'no id returned'
        }`,
      );
    }
    const { FlowLogs = [] } = await send(
      new DescribeFlowLogsCommand({ FlowLogIds: [flowLogId] }),
    );
    const delivery = FlowLogs[0];
    if (delivery?.DeliverLogsStatus === 'FAILED') {
      await deleteFlowLog(c, flowLogId);
      throw new Error(
        `${FLOW_LOG_DESTINATION_FIELD}: VPC flow logs cannot be delivered to ${destination} (${
          delivery.DeliverLogsErrorMessage ?? 'delivery failed'
        }); check that it exists and that the delivery role may write to it`,
      );
    }
    return flowLogId;
  },
  async list(c, filter) {
    const flowLogs = await collect(
      paginateDescribeFlowLogs(
        { client: c.clients.ec2 },
        { Filter: listFilters(filter) },
      ),
      p => p.FlowLogs,
    );
    return flowLogs.map(f => existing(f.FlowLogId, f.Tags));
  },
  async delete(resource, c) {
    await deleteFlowLog(c, resource.id);
    return false;
  },
};
