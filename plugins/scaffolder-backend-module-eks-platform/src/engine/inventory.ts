/**
 * What exists of a step before it runs, read with its kinds' `list` (the same walk as
 * destroy's, without the deletes): the ids a dry run shows, the values a resumed task may
 * reuse from its checkpoints, and the resources whose settings differ from the graph's.
 */
import type {
  ResourceKind,
  ResourceNode,
} from '@internal/plugin-eks-platform-common';
import { DestroyOptions, ListedResource, listResources } from './destroy';
import type { KindContext, ResourceHandlers } from './types';

/** A lifecycle state in which a resource is going or gone, not reusable. */
const GOING = /delet|fail|disabled/i;

export const isLiveResource = (r: Pick<ListedResource, 'state'>) =>
  !r.state || !GOING.test(r.state);

export class StepInventory {
  constructor(readonly resources: readonly ListedResource[]) {}

  static async of<C>(
    options: Omit<DestroyOptions<C>, 'retry' | 'what'>,
  ): Promise<StepInventory> {
    return new StepInventory(await listResources(options));
  }

  /**
   * Each node looked up as `applyGraph` finds it (kinds AWS finds by name: IAM roles, the
   * cluster, its add-ons), whoever's it is: what another environment or a person made under
   * the name shows with their tags, or none.
   */
  static async found<C>(
    nodes: readonly ResourceNode[],
    handlers: ResourceHandlers<C>,
    context: KindContext<C>,
  ): Promise<StepInventory> {
    const perNode = await Promise.all(
      nodes.map(async node => {
        const find = handlers[node.kind]?.find;
        if (!find) return [];
        const { live } = await find(node, {}, context);
        return live.map(r => ({
          ...r,
          kind: node.kind,
          type: node.type ?? node.kind,
          component: node.key,
        }));
      }),
    );
    return new StepInventory(perNode.flat());
  }

  ofKind(kind: ResourceKind): ListedResource[] {
    return this.resources.filter(r => r.kind === kind);
  }

  /** The live resource made for the node (by its role tag), if there is one. */
  resourceOf(node: Pick<ResourceNode, 'key'>): ListedResource | undefined {
    return this.resources.find(
      r => r.component === node.key && isLiveResource(r),
    );
  }

  /** Ids of the live resources and the relations they hold: what a checkpoint may name. */
  liveKeys(): Set<string> {
    return new Set(
      this.resources
        .filter(isLiveResource)
        .flatMap(r => [r.id, ...(r.holds ?? [])]),
    );
  }

  /**
   * Each resource of a node whose reported properties differ from the node's:
   * `{ resource, has: "10.10.0.0/16", wants: "10.20.0.0/16" }` (several properties read
   * "cidr in zone").
   */
  drift(
    nodes: readonly ResourceNode[],
  ): { resource: ListedResource; has: string; wants: string }[] {
    return this.resources.flatMap(resource => {
      const node = nodes.find(n => n.key === resource.component);
      const reported = Object.keys(resource.properties ?? {});
      if (!node || reported.length === 0) return [];
      const has = reported
        .map(k => String(resource.properties![k]))
        .join(' in ');
      const wants = reported.map(k => String(node.properties[k])).join(' in ');
      return has === wants ? [] : [{ resource, has, wants }];
    });
  }
}
