/**
 * What the kinds of the resources the cluster made share: the clients, the environment's
 * VPCs they are looked for in, and the controller's tag on load balancing resources.
 */
import { EC2Client, paginateDescribeVpcs } from '@aws-sdk/client-ec2';
import {
  DescribeTagsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import type { ResourceNode } from '@internal/plugin-eks-platform-common';
import type {
  KindContext,
  ListFilter,
  ResourceHandler,
} from '../../engine/types';
import { collect, listFilters } from '../network/ec2Resources';

export interface KubernetesMadeClients {
  ec2: EC2Client;
  elbv2: ElasticLoadBalancingV2Client;
}

export type KubernetesMadeContext = KindContext<KubernetesMadeClients>;
export type KubernetesMadeHandler = ResourceHandler<KubernetesMadeClients>;

/**
 * The VPCs of the environment (of one task, in a rollback) that are being destroyed: what
 * the cluster made is looked for in them only, so nothing outside the environment goes.
 */
export async function vpcIdsOf(
  c: KubernetesMadeContext,
  filter: ListFilter,
): Promise<string[]> {
  const vpcs = await collect(
    paginateDescribeVpcs(
      { client: c.clients.ec2 },
      { Filters: listFilters(filter) },
    ),
    p => p.Vpcs,
  );
  return vpcs.map(v => v.VpcId!);
}

/** The tag the node says marks what the cluster made: `elbv2.k8s.aws/cluster=<cluster>`. */
export function madeByTag(nodes: readonly ResourceNode[]): {
  key: string;
  value: string;
} {
  const { tagKey, tagValue } = nodes[0].properties;
  return { key: String(tagKey), value: String(tagValue) };
}

/** Of these load balancer or target group ARNs, those the tag marks; 20 a call, ELB's limit. */
export async function taggedArns(
  c: KubernetesMadeContext,
  arns: string[],
  tag: { key: string; value: string },
): Promise<Set<string>> {
  const marked = new Set<string>();
  for (let i = 0; i < arns.length; i += 20) {
    const { TagDescriptions = [] } = await c.clients.elbv2.send(
      new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) }),
    );
    for (const description of TagDescriptions) {
      if (
        description.Tags?.some(t => t.Key === tag.key && t.Value === tag.value)
      ) {
        marked.add(description.ResourceArn!);
      }
    }
  }
  return marked;
}
