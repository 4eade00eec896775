import {
  AttachInternetGateway$,
  AttachInternetGatewayRequest,
  AttachmentStatus,
  CreateInternetGateway$,
  CreateInternetGatewayRequest,
  CreateInternetGatewayResult,
  DeleteInternetGateway$,
  DeleteInternetGatewayRequest,
  DescribeInternetGateways$,
  DescribeInternetGatewaysRequest,
  DescribeInternetGatewaysResult,
  DetachInternetGateway$,
  DetachInternetGatewayRequest,
  InternetGateway,
} from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate, tagsFromSpecifications } from './describe';
import {
  dependencyViolation,
  internetGatewayNotFound,
  invalidParameterValue,
  missingParameter,
  requireAll,
} from './errors';
import { isNatGatewayGone } from './natGateways';
import { interfacesHolding } from './networkInterfaces';
import { ec2Operation, tagList } from './operation';
import { Ec2Call } from './store';
import { requireVpc } from './vpcs';

function requireGateway(
  call: Ec2Call,
  id: string | undefined,
): InternetGateway {
  if (!id) throw missingParameter('internetGatewayId');
  const gateway = call.store.internetGateways.get(id);
  if (!gateway) throw internetGatewayNotFound(id);
  return gateway;
}

export function createInternetGateway(
  call: Ec2Call,
  input: CreateInternetGatewayRequest,
): InternetGateway {
  const tags = tagsFromSpecifications(
    input.TagSpecifications,
    'internet-gateway',
  );
  const id = call.context.state.nextId('igw');
  const gateway: InternetGateway = {
    InternetGatewayId: id,
    OwnerId: call.accountId,
    Attachments: [],
  };
  call.store.internetGateways.set(id, gateway);
  call.store.setTags(id, tags);
  return gateway;
}

export function attachInternetGateway(
  call: Ec2Call,
  input: AttachInternetGatewayRequest,
) {
  const gateway = requireGateway(call, input.InternetGatewayId);
  const { vpc } = requireVpc(call, input.VpcId);
  const current = gateway.Attachments?.[0]?.VpcId;
  if (current) {
    throw new AwsError(
      'Resource.AlreadyAssociated',
      `resource ${gateway.InternetGatewayId} is already attached to network ${current}`,
    );
  }
  const vpcHasGateway = [...call.store.internetGateways.values()].some(igw =>
    igw.Attachments?.some(a => a.VpcId === vpc.VpcId),
  );
  if (vpcHasGateway) {
    throw invalidParameterValue(
      `Network ${vpc.VpcId} already has an internet gateway attached`,
    );
  }
  // AWS reports `available` for an attached internet gateway, a value missing from the enum.
  gateway.Attachments = [
    { VpcId: vpc.VpcId, State: 'available' as AttachmentStatus },
  ];
}

const describe = (
  call: Ec2Call,
  gateway: InternetGateway,
): InternetGateway => ({
  ...gateway,
  Tags: tagList(call.store, gateway.InternetGatewayId!),
});

export const internetGatewayOperations = {
  CreateInternetGateway: ec2Operation<
    CreateInternetGatewayRequest,
    CreateInternetGatewayResult
  >(CreateInternetGateway$, (input, call) => ({
    InternetGateway: describe(call, createInternetGateway(call, input)),
  })),

  AttachInternetGateway: ec2Operation<AttachInternetGatewayRequest, object>(
    AttachInternetGateway$,
    (input, call) => {
      attachInternetGateway(call, input);
      return {};
    },
  ),

  DetachInternetGateway: ec2Operation<DetachInternetGatewayRequest, object>(
    DetachInternetGateway$,
    (input, call) => {
      const gateway = requireGateway(call, input.InternetGatewayId);
      requireVpc(call, input.VpcId);
      if (gateway.Attachments?.[0]?.VpcId !== input.VpcId) {
        throw new AwsError(
          'Gateway.NotAttached',
          `resource ${gateway.InternetGatewayId} is not attached to network ${input.VpcId}`,
        );
      }
      // "Network vpc-… has some mapped public address(es). Please unmap those public
      // address(es) before detaching the gateway." (EC2's DependencyViolation, as quoted
      // in hashicorp/terraform#497 and #1303): a NAT gateway's Elastic IP or a load
      // balancer's public interface.
      const mapped =
        [...call.store.natGateways.values()].some(
          nat =>
            nat.vpcId === input.VpcId &&
            nat.connectivityType !== 'private' &&
            !isNatGatewayGone(call, nat),
        ) ||
        interfacesHolding(
          call,
          eni =>
            eni.VpcId === input.VpcId && Boolean(eni.Association?.PublicIp),
        ).length > 0;
      if (mapped) {
        throw new AwsError(
          'DependencyViolation',
          `Network ${input.VpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
        );
      }
      gateway.Attachments = [];
      return {};
    },
  ),

  DeleteInternetGateway: ec2Operation<DeleteInternetGatewayRequest, object>(
    DeleteInternetGateway$,
    (input, call) => {
      const gateway = requireGateway(call, input.InternetGatewayId);
      if (gateway.Attachments?.length) {
        throw dependencyViolation(
          'internetGateway',
          gateway.InternetGatewayId!,
        );
      }
      call.store.internetGateways.delete(gateway.InternetGatewayId!);
      call.store.tags.delete(gateway.InternetGatewayId!);
      return {};
    },
  ),

  DescribeInternetGateways: ec2Operation<
    DescribeInternetGatewaysRequest,
    DescribeInternetGatewaysResult
  >(DescribeInternetGateways$, (input, call) => {
    const { store } = call;
    const ids = input.InternetGatewayIds;
    requireAll(ids, store.internetGateways, internetGatewayNotFound);
    const matching = [...store.internetGateways.values()]
      .filter(g => !ids || ids.includes(g.InternetGatewayId!))
      .filter(g =>
        matchesFilters(
          input.Filters,
          store.tagsOf(g.InternetGatewayId!),
          name =>
            ({
              'internet-gateway-id': [g.InternetGatewayId],
              'owner-id': [g.OwnerId],
              'attachment.vpc-id': (g.Attachments ?? []).map(a => a.VpcId),
              'attachment.state': (g.Attachments ?? []).map(a => a.State),
            }[name]),
        ),
      );
    const { page, nextToken } = paginate(
      matching,
      input.MaxResults,
      input.NextToken,
    );
    return {
      InternetGateways: page.map(g => describe(call, g)),
      NextToken: nextToken,
    };
  }),
};
