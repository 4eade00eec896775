import { ListTagsForResourceResponse } from '@aws-sdk/client-eks';
import { AwsError } from '../../core/types';
import { liveAddons, liveNodegroups } from './eksStore';
import { EksCall, EksHandler } from './handlerTypes';

type Taggable = { tags?: Record<string, string> };

/** The live cluster, node group, add-on or access entry an ARN names. */
function taggableOrThrow(call: EksCall): Taggable {
  const arn = call.params.resourceArn;
  if (!/^arn:aws:eks:[a-z0-9-]+:\d{12}:[a-z-]+\/.+/.test(arn)) {
    throw new AwsError('BadRequestException', `${arn} is not a valid ARN`, 400);
  }
  const now = call.context.clock.nowMillis();
  for (const cluster of call.store.liveClusters(now)) {
    if (cluster.cluster.arn === arn) return cluster.cluster;
    const resources: Taggable[] = [
      ...liveNodegroups(cluster, now)
        .filter(ng => ng.nodegroup.nodegroupArn === arn)
        .map(ng => ng.nodegroup),
      ...liveAddons(cluster, now)
        .filter(addon => addon.addon.addonArn === arn)
        .map(addon => addon.addon),
      ...[...cluster.accessEntries.values()]
        .filter(stored => stored.entry.accessEntryArn === arn)
        .map(stored => stored.entry),
    ];
    if (resources.length > 0) return resources[0];
  }
  throw new AwsError('NotFoundException', `Resource ${arn} not found`, 404);
}

const tagResource: EksHandler = call => {
  const resource = taggableOrThrow(call);
  const tags = (call.body.tags ?? {}) as Record<string, string>;
  resource.tags = { ...resource.tags, ...tags };
  return {};
};

const untagResource: EksHandler = call => {
  const resource = taggableOrThrow(call);
  const tags = { ...resource.tags };
  for (const key of call.query.getAll('tagKeys')) delete tags[key];
  resource.tags = tags;
  return {};
};

const listTagsForResource: EksHandler = call => {
  const result: ListTagsForResourceResponse = {
    tags: taggableOrThrow(call).tags ?? {},
  };
  return result;
};

export const TAG_HANDLERS: Record<string, EksHandler> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};
