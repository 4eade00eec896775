/**
 * What the engine asks of each resource kind: find, create, list, delete, wait. One file
 * per kind implements it; the engine does the ordering, the checkpoints, the idempotency
 * and the handling of AWS's known error classes.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  EnvironmentSpec,
  NodeProperty,
  ResourceKind,
  ResourceNode,
} from '@internal/plugin-eks-platform-common';
import type { TagMap } from '../actions/shared/tagging';
import type { WaitSettings } from '../actions/shared/waiting';

/** A resource as AWS lists it. */
export interface ExistingResource {
  id: string;
  /** "subnet-0ab (dpj-prod-public-eu-west-3a)". */
  label: string;
  /** The task that created it, from its tag. */
  taskId?: string;
  /** Its lifecycle state where AWS has one (`pending`, `deleting`). */
  state?: string;
  /** Ids of what hangs on it and goes first: associations, attached VPCs. */
  related?: string[];
  /** Its ARN, where its id is a name (a node group). */
  arn?: string;
  /** Its role tag: the key of the node it was created for. */
  component?: string;
  /** The environment its tag names; none on a resource that is not an environment's. */
  environment?: string;
  /**
   * The relations it holds, as the values their steps return (`attachment:igw:vpc`, an
   * association id): a resumed task reuses a cached relation only while it holds.
   */
  holds?: string[];
  /** Desired properties as AWS reports them (`cidr`), compared with the node's. */
  properties?: Record<string, NodeProperty>;
}

/** Everything a kind's functions work with. `C` holds the SDK clients. */
export interface KindContext<C> {
  clients: C;
  spec: EnvironmentSpec;
  /** Tags every resource of this task carries (`environmentTags`). */
  tags: TagMap;
  logger: Pick<LoggerService, 'info' | 'warn'>;
  waitSettings: WaitSettings;
  abortSignal?: AbortSignal;
}

/** Which resources destroy lists: the environment's, or one task's (a rollback). */
export interface ListFilter {
  environmentName: string;
  taskId?: string;
}

/** The ids of a node's refs, by role: `{ vpc: 'vpc-0ab' }`. */
export type RefIds = Record<string, string>;

export interface ResourceHandler<C> {
  /** For the log: `VPC`, `NAT gateway`. */
  label: string;
  /**
   * A resource with an id of its own, tagged with its node's key: found again by tag
   * before it is created. Relations and settings (routes, attachments) leave it out, and
   * `create` reads what exists and changes only what differs.
   */
  find?(
    node: ResourceNode,
    refs: RefIds,
    c: KindContext<C>,
  ): Promise<{ live: ExistingResource[]; gone?: number }>;
  /**
   * Creates it (or, for a relation, makes it so) and returns its id (a relation: a key the
   * inventory shows while it holds, or any value when `cachedIsLive` is absent). Absent
   * for what the cluster makes (step `kubernetes`), which only destroy handles.
   */
  create?(
    node: ResourceNode,
    refs: RefIds,
    c: KindContext<C>,
    clientToken: string,
  ): Promise<string>;
  /**
   * Whether AWS takes the ClientToken, so that the SDK's retry after a lost answer returns
   * the same resource. Without one, the engine finds the resource by tag after a failed
   * create and removes duplicates a retried create made.
   */
  tokened?: boolean;
  /** For a relation: whether a value cached by an earlier run must still be in the inventory. */
  cachedIsLive?: boolean;
  /**
   * Waits until the resource can be used (a cluster or add-on ACTIVE): after it is
   * created, found or resumed, before the nodes that depend on it start.
   */
  waitUntilReady?(
    id: string,
    node: ResourceNode,
    c: KindContext<C>,
  ): Promise<void>;
  /**
   * Every resource of this kind of the environment (or of one task), for destroy. `nodes`
   * are the graph's nodes of the kind, for kinds AWS finds by name rather than by tag.
   */
  list?(
    c: KindContext<C>,
    filter: ListFilter,
    nodes: readonly ResourceNode[],
  ): Promise<ExistingResource[]>;
  /** Deletes one; returns true when AWS deletes it in the background (wait for it). */
  delete?(resource: ExistingResource, c: KindContext<C>): Promise<boolean>;
  /** Waits until the resources `delete` left deleting are gone (with AWS's waiter). */
  waitUntilDeleted?(ids: string[], c: KindContext<C>): Promise<void>;
}

export type ResourceHandlers<C> = Partial<
  Record<ResourceKind, ResourceHandler<C>>
>;
