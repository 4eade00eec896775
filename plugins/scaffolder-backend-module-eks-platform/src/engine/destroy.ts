/**
 * `destroyGraph`: deletes what exists of the graph's kinds, tagged with the environment
 * (destroy) or with one task (rollback), in the reverse of the graph's order: a kind starts
 * as soon as every kind depending on it is gone, independent kinds at the same time. It starts from what AWS
 * lists now, so it can run again after a failure; a resource already gone counts as
 * deleted. A delete AWS refuses while dependents are still going (DependencyViolation) is
 * retried; a kind that fails keeps the kinds it depends on from being tried.
 */
import {
  destroyOrder,
  kindDependencies,
  ResourceKind,
  ResourceNode,
} from '@internal/plugin-eks-platform-common';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import { errorMessage, isNotFound } from '../actions/shared/awsErrors';
import { environmentTags } from '../actions/shared/tagging';
import { DEFAULT_WAIT_SETTINGS, WaitSettings } from '../actions/shared/waiting';
import {
  retrySettingsFor,
  retryWhileInUse,
  RetrySettings,
} from './knownErrors';
import type {
  ExistingResource,
  KindContext,
  ResourceHandler,
  ResourceHandlers,
} from './types';

export interface DeletedResource {
  kind: ResourceKind;
  /** Its CloudFormation type: `AWS::EC2::Subnet`. */
  type: string;
  id: string;
  /** "subnet-0ab (dpj-prod-public-eu-west-3a)". */
  label: string;
}

/** What could not be deleted, and what is left. */
export class GraphDestroyError extends Error {
  readonly name = 'GraphDestroyError';
  constructor(
    message: string,
    readonly deleted: DeletedResource[],
    readonly remaining: string[],
  ) {
    super(message);
  }
}

export interface DestroyOptions<C> {
  /** The graph whose kinds are deleted (usually one step's nodes). */
  nodes: readonly ResourceNode[];
  handlers: ResourceHandlers<C>;
  context: KindContext<C>;
  retry: RetrySettings;
  environmentName: string;
  /** Only what this task created (a rollback); everything of the environment otherwise. */
  taskId?: string;
  /** What the message calls the whole: "network of dpj-dev". */
  what: string;
}

/** The destroy of one step's nodes: the environment's resources, or one task's. */
export function stepDestroyOptions<C>(step: {
  nodes: readonly ResourceNode[];
  handlers: ResourceHandlers<C>;
  clients: C;
  spec: EnvironmentSpec;
  logger: Pick<LoggerService, 'info' | 'warn'>;
  taskId?: string;
  waitSettings?: WaitSettings;
  what: string;
}): DestroyOptions<C> {
  const waitSettings = step.waitSettings ?? DEFAULT_WAIT_SETTINGS;
  const { spec, taskId } = step;
  return {
    nodes: step.nodes,
    handlers: step.handlers,
    context: {
      clients: step.clients,
      spec,
      tags: environmentTags(spec, taskId ?? ''),
      logger: step.logger,
      waitSettings,
    },
    retry: retrySettingsFor(waitSettings),
    environmentName: spec.name,
    taskId,
    what: `${step.what} of ${spec.name}`,
  };
}

/** A resource that exists of the graph's kinds, as destroy would delete it. */
export type ListedResource = ExistingResource & DeletedResource;

/** What exists of the graph's kinds, in the order destroy deletes it (read-only). */
export async function listResources<C>(
  options: Omit<DestroyOptions<C>, 'retry' | 'what'>,
): Promise<ListedResource[]> {
  const filter = {
    environmentName: options.environmentName,
    taskId: options.taskId,
  };
  // Every kind at once: the reads are independent.
  const perKind = await Promise.all(
    destroyOrder(options.nodes)
      .flat()
      .map(async kind => {
        const handler = options.handlers[kind];
        if (!handler?.list) return [];
        const ofKind = options.nodes.filter(n => n.kind === kind);
        const found = await handler.list(options.context, filter, ofKind);
        return found.map(r => ({ ...r, ...resourceOf(kind, ofKind, r) }));
      }),
  );
  return perKind.flat();
}

/**
 * One line per resource that exists, in creation order: "VPC vpc-0ab (dpj-dev-vpc)",
 * "EKS cluster dpj-dev-cluster (ACTIVE)".
 */
export async function listExisting<C>(
  options: Omit<DestroyOptions<C>, 'retry' | 'what'>,
): Promise<string[]> {
  return (await listResources(options)).reverse().map(r => {
    const label = options.handlers[r.kind]!.label;
    return `${label} ${r.label}${r.state ? ` (${r.state})` : ''}`;
  });
}

function resourceOf(
  kind: ResourceKind,
  nodes: readonly ResourceNode[],
  resource: ExistingResource,
): DeletedResource {
  return {
    kind,
    type: nodes.find(n => n.type)?.type ?? kind,
    id: resource.id,
    label: resource.label,
  };
}

export async function destroyGraph<C>(
  options: DestroyOptions<C>,
): Promise<DeletedResource[]> {
  const { context: c, handlers } = options;
  const deleted: DeletedResource[] = [];
  const failures: string[] = [];
  const failedKinds = new Set<ResourceKind>();
  const needs = kindDependencies(options.nodes);
  const filter = {
    environmentName: options.environmentName,
    taskId: options.taskId,
  };

  const destroyKind = async (
    kind: ResourceKind,
    handler: ResourceHandler<C>,
  ) => {
    const blockedBy = [...failedKinds].filter(k => needsKind(needs, k, kind));
    if (blockedBy.length > 0) {
      failedKinds.add(kind);
      return;
    }
    const existing = await handler.list!(
      c,
      filter,
      options.nodes.filter(n => n.kind === kind),
    );
    const waiting: ExistingResource[] = [];
    await Promise.all(
      existing.map(async resource => {
        const record = () =>
          deleted.push(
            resourceOf(
              kind,
              options.nodes.filter(n => n.kind === kind),
              resource,
            ),
          );
        try {
          const background = await retryWhileInUse(
            () => handler.delete!(resource, c),
            options.retry,
            delayMs =>
              c.logger.info(
                `${handler.label} ${
                  resource.label
                } is still in use; retrying the delete in ${delayMs / 1000}s`,
              ),
          );
          if (background) waiting.push(resource);
          else c.logger.info(`Deleted ${handler.label} ${resource.label}`);
          record();
        } catch (error) {
          if (isNotFound(error)) {
            c.logger.info(
              `${handler.label} ${resource.label} was already deleted`,
            );
            record();
            return;
          }
          const message = `${handler.label} ${resource.label}: ${errorMessage(
            error,
          )}`;
          c.logger.warn(`Could not delete ${message}`);
          failures.push(message);
          failedKinds.add(kind);
        }
      }),
    );
    if (waiting.length > 0 && handler.waitUntilDeleted) {
      try {
        await handler.waitUntilDeleted(
          waiting.map(r => r.id),
          c,
        );
      } catch (error) {
        failures.push(
          `${handler.label}s ${waiting
            .map(r => r.id)
            .join(', ')} not deleted: ${errorMessage(error).slice(0, 300)}`,
        );
        failedKinds.add(kind);
      }
    }
  };

  // Each kind starts once every kind depending on it is done, not level by level: the
  // NAT gateways go while the load balancers' interfaces are being released.
  const kinds = [...needs.keys()];
  const done = new Set<ResourceKind>();
  const started = new Set<ResourceKind>();
  const running = new Set<Promise<void>>();
  const launchReady = () =>
    kinds
      .filter(
        kind =>
          !started.has(kind) &&
          kinds.every(other => !needs.get(other)!.has(kind) || done.has(other)),
      )
      .forEach(kind => {
        started.add(kind);
        const handler = handlers[kind];
        const run: Promise<void> = (
          handler?.list && handler.delete
            ? destroyKind(kind, handler)
            : Promise.resolve()
        )
          .catch(error => {
            failures.push(`${kind}: ${errorMessage(error)}`);
            failedKinds.add(kind);
          })
          .finally(() => {
            done.add(kind);
            running.delete(run);
            launchReady();
          });
        running.add(run);
      });
  launchReady();
  while (running.size > 0) await Promise.race(running);
  if (started.size < kinds.length) {
    throw new Error('Resource kinds depend on each other in a cycle');
  }

  if (failures.length > 0) {
    const remaining = await listExisting(options);
    throw new GraphDestroyError(
      `Could not delete the whole ${options.what}:\n${failures
        .map(f => `- ${f}`)
        .join('\n')}\nStill there: ${remaining.join(', ') || 'nothing'}`,
      deleted,
      remaining,
    );
  }
  return deleted;
}

type KindNeeds = ReturnType<typeof kindDependencies>;

/** Whether `kind` must go after `failed`: `failed` depends on it, directly or not. */
function needsKind(
  needs: KindNeeds,
  failed: ResourceKind,
  kind: ResourceKind,
): boolean {
  const seen = new Set<ResourceKind>();
  const stack = [failed];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const next of needs.get(current) ?? []) {
      if (next === kind) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}
