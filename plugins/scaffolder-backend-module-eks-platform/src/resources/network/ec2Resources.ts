/** What the EC2 resource kinds share: the client, tags, filters, and found resources. */
import type {
  EC2Client,
  Filter,
  ResourceType,
  Tag,
  TagSpecification,
} from '@aws-sdk/client-ec2';
import type { ResourceNode } from '@internal/plugin-eks-platform-common';
import {
  COMPONENT_TAG,
  componentTags,
  ENVIRONMENT_NAME_TAG,
  describeResource,
  tagFilters,
  TagMap,
  tagSpecifications,
  tagValue,
  TASK_ID_TAG,
} from '../../actions/shared/tagging';
import type {
  ExistingResource,
  KindContext,
  ResourceHandler,
} from '../../engine/types';

export interface Ec2Clients {
  ec2: EC2Client;
}

export type Ec2Context = KindContext<Ec2Clients>;
export type Ec2Handler = ResourceHandler<Ec2Clients>;

/** `ec2.send`, cancelled with the task. (The SDK's overloads cannot be forwarded generically.) */
export function sender(c: Ec2Context): EC2Client['send'] {
  return ((command: Parameters<EC2Client['send']>[0]) =>
    c.clients.ec2.send(command, {
      abortSignal: c.abortSignal,
    })) as EC2Client['send'];
}

/** A resource as the engine sees it, sorted by id so every run picks the same duplicate. */
export function existing(
  id: string | undefined,
  tags: Tag[] | undefined,
  extra: Partial<ExistingResource> = {},
): ExistingResource {
  return {
    id: id!,
    label: describeResource(id, tags),
    taskId: tagValue(tags, TASK_ID_TAG),
    component: tagValue(tags, COMPONENT_TAG),
    environment: tagValue(tags, ENVIRONMENT_NAME_TAG),
    ...extra,
  };
}

export const byId = (a: ExistingResource, b: ExistingResource) =>
  a.id.localeCompare(b.id);

/** Filters selecting the node's resource by its role tag (and VPC). */
export function nodeFilters(
  c: Ec2Context,
  node: ResourceNode,
  vpcId?: string,
): Filter[] {
  return [
    ...tagFilters(c.spec.name, { component: node.key }),
    ...(vpcId ? [{ Name: 'vpc-id', Values: [vpcId] }] : []),
  ];
}

/** The node's tags, applied by the create call itself. */
export function nodeTags(
  c: Ec2Context,
  resourceType: ResourceType,
  node: ResourceNode,
  extra: TagMap = {},
): TagSpecification[] {
  return tagSpecifications(
    resourceType,
    componentTags(c.tags, node.key, node.name, extra),
  );
}

/** Filters of destroy: the environment's, or one task's, resources. */
export function listFilters(filter: {
  environmentName: string;
  taskId?: string;
}): Filter[] {
  return tagFilters(filter.environmentName, { taskId: filter.taskId });
}

/** Concatenates the pages of an SDK paginator. */
export async function collect<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => T[] | undefined,
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

/**
 * `find` and `list` of a kind EC2 finds by tag: one Describe call, with the node's filters
 * (in its VPC when `inVpc`) or the environment's, each item read as a resource.
 */
export function taggedLookups<T>(
  describe: (c: Ec2Context, filters: Filter[]) => Promise<T[]>,
  asExisting: (item: T) => ExistingResource,
  options: { inVpc?: boolean } = {},
): Pick<Ec2Handler, 'find' | 'list'> {
  return {
    async find(node, refs, c) {
      const filters = nodeFilters(
        c,
        node,
        options.inVpc ? refs.vpc : undefined,
      );
      return { live: (await describe(c, filters)).map(asExisting).sort(byId) };
    },
    async list(c, filter) {
      return (await describe(c, listFilters(filter))).map(asExisting);
    },
  };
}
