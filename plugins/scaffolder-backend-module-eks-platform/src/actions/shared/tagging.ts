/**
 * Tags every resource of an environment carries. Besides the spec's cost-allocation tags
 * (environment, project, cost-center, owner) and `Name`, three keys let the actions find
 * a resource again: the environment it belongs to, the task that created it and its role
 * in the environment (`vpc`, `public-subnet-eu-west-3a`…). A retried or resumed task looks
 * resources up by environment and role before creating them; a rollback deletes what
 * carries its own task id; `environment:destroy` deletes what carries the environment.
 */
import type {
  Filter,
  ResourceType,
  Tag,
  TagSpecification,
} from '@aws-sdk/client-ec2';
import {
  COMPONENT_TAG,
  ENVIRONMENT_NAME_TAG,
  TASK_ID_TAG,
  type EnvironmentSpec,
} from '@internal/plugin-eks-platform-common';

export { COMPONENT_TAG, ENVIRONMENT_NAME_TAG, TASK_ID_TAG };

export type TagMap = Record<string, string>;

/** Tags shared by every resource one task creates for an environment. */
export function environmentTags(spec: EnvironmentSpec, taskId: string): TagMap {
  return {
    ...spec.tags,
    [ENVIRONMENT_NAME_TAG]: spec.name,
    [TASK_ID_TAG]: taskId,
  };
}

/** The tags of one resource: the environment's, its role, its `Name` and any extra ones. */
export function componentTags(
  base: TagMap,
  component: string,
  name: string,
  extra: TagMap = {},
): TagMap {
  return { ...base, ...extra, Name: name, [COMPONENT_TAG]: component };
}

export function toTagList(tags: TagMap): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Tags applied by the create call itself: no window in which the resource is untagged. */
export function tagSpecifications(
  resourceType: ResourceType,
  tags: TagMap,
): TagSpecification[] {
  return [{ ResourceType: resourceType, Tags: toTagList(tags) }];
}

/** EC2 filters selecting an environment's resources, optionally one role or one task's. */
export function tagFilters(
  environmentName: string,
  options: { component?: string; taskId?: string } = {},
): Filter[] {
  const filters: Filter[] = [
    { Name: `tag:${ENVIRONMENT_NAME_TAG}`, Values: [environmentName] },
  ];
  if (options.component) {
    filters.push({ Name: `tag:${COMPONENT_TAG}`, Values: [options.component] });
  }
  if (options.taskId) {
    filters.push({ Name: `tag:${TASK_ID_TAG}`, Values: [options.taskId] });
  }
  return filters;
}

export function tagValue(
  tags: Tag[] | undefined,
  key: string,
): string | undefined {
  return tags?.find(tag => tag.Key === key)?.Value;
}

/** "subnet-0ab (dpj-prod-public-eu-west-3a)", for logs and error messages. */
export function describeResource(
  id: string | undefined,
  tags: Tag[] | undefined,
): string {
  const name = tagValue(tags, 'Name');
  return name ? `${id} (${name})` : `${id}`;
}
