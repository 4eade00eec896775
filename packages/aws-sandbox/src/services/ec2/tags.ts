import {
  CreateTags$,
  CreateTagsRequest,
  DeleteTags$,
  DeleteTagsRequest,
  DescribeTags$,
  DescribeTagsRequest,
  DescribeTagsResult,
  TagDescription,
} from '@aws-sdk/client-ec2';
import { AwsError } from '../../core/types';
import { matchesFilters, paginate } from './describe';
import { idsNotFound, missingParameter, natGatewayNotFound } from './errors';
import { ec2Operation } from './operation';
import { Ec2Call, Ec2Store } from './store';

interface TaggableType {
  resourceType: TagDescription['ResourceType'];
  exists(store: Ec2Store, id: string): boolean;
  notFound(id: string): AwsError;
}

const notFound = (code: string, noun: string) => (id: string) =>
  idsNotFound(code, noun, [id]);

/** Id prefix → the resource type DescribeTags reports and where the resource lives. */
const TAGGABLE: Record<string, TaggableType> = {
  vpc: {
    resourceType: 'vpc',
    exists: (s, id) => s.vpcs.has(id),
    notFound: notFound('InvalidVpcID.NotFound', 'vpc'),
  },
  subnet: {
    resourceType: 'subnet',
    exists: (s, id) => s.subnets.has(id),
    notFound: notFound('InvalidSubnetID.NotFound', 'subnet'),
  },
  igw: {
    resourceType: 'internet-gateway',
    exists: (s, id) => s.internetGateways.has(id),
    notFound: notFound('InvalidInternetGatewayID.NotFound', 'internetGateway'),
  },
  eipalloc: {
    resourceType: 'elastic-ip',
    exists: (s, id) => s.addresses.has(id),
    notFound: notFound('InvalidAllocationID.NotFound', 'allocation'),
  },
  nat: {
    resourceType: 'natgateway',
    exists: (s, id) => s.natGateways.has(id),
    notFound: natGatewayNotFound,
  },
  rtb: {
    resourceType: 'route-table',
    exists: (s, id) => s.routeTables.has(id),
    notFound: notFound('InvalidRouteTableID.NotFound', 'routeTable'),
  },
  sg: {
    resourceType: 'security-group',
    exists: (s, id) => s.securityGroups.has(id),
    notFound: id =>
      new AwsError(
        'InvalidGroup.NotFound',
        `The security group '${id}' does not exist`,
      ),
  },
  acl: {
    resourceType: 'network-acl',
    exists: (s, id) => s.networkAcls.has(id),
    notFound: notFound('InvalidNetworkAclID.NotFound', 'networkAcl'),
  },
  lt: {
    resourceType: 'launch-template',
    exists: (s, id) => s.launchTemplates.has(id),
    notFound: id =>
      new AwsError(
        'InvalidLaunchTemplateId.NotFound',
        `The specified launch template, with template ID ${id}, does not exist.`,
      ),
  },
  eni: {
    resourceType: 'network-interface',
    exists: (s, id) => s.networkInterfaces.has(id),
    notFound: notFound(
      'InvalidNetworkInterfaceID.NotFound',
      'network interface',
    ),
  },
  vol: {
    resourceType: 'volume',
    exists: (s, id) => s.volumes.has(id),
    notFound: id =>
      new AwsError(
        'InvalidVolume.NotFound',
        `The volume '${id}' does not exist.`,
      ),
  },
  fl: {
    resourceType: 'vpc-flow-log',
    exists: (s, id) => s.flowLogs.has(id),
    notFound: notFound('InvalidFlowLogId.NotFound', 'flowLog'),
  },
};

function taggableOf(id: string): TaggableType {
  const type = TAGGABLE[id.slice(0, id.lastIndexOf('-'))];
  if (!type) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  return type;
}

function requireResources(call: Ec2Call, ids: string[] | undefined): string[] {
  if (!ids?.length) throw missingParameter('resourceIdSet');
  for (const id of ids) {
    const type = taggableOf(id);
    if (!type.exists(call.store, id)) throw type.notFound(id);
  }
  return ids;
}

export const tagOperations = {
  CreateTags: ec2Operation<CreateTagsRequest, object>(
    CreateTags$,
    (input, call) => {
      const tags = Object.fromEntries(
        (input.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? '']),
      );
      for (const id of requireResources(call, input.Resources))
        call.store.setTags(id, tags);
      return {};
    },
  ),

  DeleteTags: ec2Operation<DeleteTagsRequest, object>(
    DeleteTags$,
    (input, call) => {
      for (const id of requireResources(call, input.Resources)) {
        const tags = { ...call.store.tagsOf(id) };
        // Without Tags every tag goes; a tag given with a value goes only when the value matches.
        for (const key of Object.keys(tags)) {
          const asked = input.Tags?.find(t => t.Key === key);
          if (
            !input.Tags ||
            (asked && (asked.Value === undefined || asked.Value === tags[key]))
          ) {
            delete tags[key];
          }
        }
        call.store.tags.set(id, tags);
      }
      return {};
    },
  ),

  DescribeTags: ec2Operation<DescribeTagsRequest, DescribeTagsResult>(
    DescribeTags$,
    (input, call) => {
      const descriptions: TagDescription[] = [...call.store.tags.entries()]
        .filter(([id]) => taggableOf(id).exists(call.store, id))
        .flatMap(([id, tags]) =>
          Object.entries(tags).map(([Key, Value]) => ({
            ResourceId: id,
            ResourceType: taggableOf(id).resourceType,
            Key,
            Value,
          })),
        )
        .filter(d =>
          matchesFilters(
            input.Filters,
            call.store.tagsOf(d.ResourceId!),
            name =>
              ({
                'resource-id': [d.ResourceId],
                'resource-type': [d.ResourceType],
                key: [d.Key],
                value: [d.Value],
              }[name]),
          ),
        );
      const { page, nextToken } = paginate(
        descriptions,
        input.MaxResults,
        input.NextToken,
      );
      return { Tags: page, NextToken: nextToken };
    },
  ),
};
