/**
 * The server's word on every action that creates, changes or destroys an environment,
 * before its first AWS or ArgoCD call: the permission policy's decision on that
 * environment (preset and owner), the refusal to take over an environment another task
 * created, and one task at a time per environment.
 */
import type {
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import {
  EKS_ENVIRONMENT_RESOURCE_TYPE,
  EksEnvironmentResource,
  eksPlatformEnvironmentAdoptPermission,
  eksPlatformEnvironmentCreatePermission,
  eksPlatformEnvironmentDeletePermission,
  EnvironmentName,
  TASK_ID_TAG,
} from '@internal/plugin-eks-platform-common';
import type {
  AwsClientFactory,
  EnvironmentAdmins,
} from '@internal/plugin-eks-platform-node';
import type { EnvironmentLeases } from './environmentLeases';
import {
  ExistingEnvironment,
  findExistingEnvironment,
} from './existingEnvironment';

/** Input of the create actions: take over an environment another task created. */
export const ADOPT_FIELD = 'adopt';

/** Applies a conditional decision of the policy to an environment. */
export type EnvironmentConditionAuthorizer = (
  decision: PolicyDecision,
  resource: EksEnvironmentResource,
) => boolean;

export interface EnvironmentGuardOptions {
  aws: Pick<AwsClientFactory, 'create'>;
  permissions: Pick<PermissionsService, 'authorizeConditional'>;
  isAuthorized: EnvironmentConditionAuthorizer;
  leases: EnvironmentLeases;
  /** For refusals that name who the default policy grants. */
  admins: EnvironmentAdmins;
}

/** The environment an action targets, as its validated input names it. */
export interface EnvironmentTarget {
  environment: EnvironmentName;
  name: string;
  account: string;
  region: string;
  owner: string;
}

type Ctx = Pick<
  ActionContext<any, any>,
  'getInitiatorCredentials' | 'user' | 'task' | 'isDryRun'
> & { logger: LoggerService };

const PRESET_RANK: Record<string, number> = {
  dev: 0,
  staging: 1,
  production: 2,
};

const VERBS = {
  [eksPlatformEnvironmentCreatePermission.name]: 'create or change',
  [eksPlatformEnvironmentDeletePermission.name]: 'destroy',
  [eksPlatformEnvironmentAdoptPermission.name]: 'adopt',
};

export class EnvironmentGuard {
  constructor(private readonly options: EnvironmentGuardOptions) {}

  /**
   * For the create actions: the caller may create this preset for this owner; nothing of
   * the environment was created by another task unless `adopt` is set and allowed; the
   * environment's lease is this task's.
   */
  async admitCreate(
    ctx: Ctx,
    target: EnvironmentTarget,
    options: { adopt?: boolean } = {},
  ): Promise<void> {
    await this.authorize(
      ctx,
      eksPlatformEnvironmentCreatePermission,
      this.resourceOf(target),
    );
    const existing = await findExistingEnvironment(this.options.aws, target);
    const foreign = existing.taskIds.filter(id => id !== ctx.task.id);
    // An anchor without a task id was not made by this product: foreign as well.
    if (foreign.length > 0 || existing.untagged.length > 0) {
      const owners = existing.owners.join(', ') || 'no owner tag';
      const description = `${existing.anchors.join(' and ')} of ${
        target.name
      } in ${target.account}/${target.region} were created by task ${
        foreign.join(', ') || '(none: no eks-platform:task-id tag)'
      } (${TASK_ID_TAG}), owner ${owners}`;
      if (!options.adopt) {
        throw new ConflictError(
          `Environment ${target.name} already exists: ${description}. A different task may not take it over: retry that task to resume it, destroy the environment, or choose another name (an allowed user may set ${ADOPT_FIELD}: true to adopt it)`,
        );
      }
      // Adopting hands the environment to the caller: decided on the environment as it is.
      await this.authorize(
        ctx,
        eksPlatformEnvironmentAdoptPermission,
        this.resourceOf(target, existing),
      );
      ctx.logger.warn(
        `Adopting environment ${target.name} on request of ${userOf(
          ctx,
        )} (${ADOPT_FIELD}: true): ${description}`,
      );
    }
    await this.hold(ctx, target);
  }

  /**
   * For the destroy actions: the caller may destroy the environment as it exists (its
   * preset and owner tags, not only what the input says); the lease is this task's.
   */
  async admitDestroy(ctx: Ctx, target: EnvironmentTarget): Promise<void> {
    const existing = await findExistingEnvironment(this.options.aws, target);
    await this.authorize(
      ctx,
      eksPlatformEnvironmentDeletePermission,
      this.resourceOf(target, existing),
    );
    await this.hold(ctx, target);
  }

  /**
   * For the day-2 actions (resizing node groups): the caller may change the environment
   * as it exists (its preset and owner tags, not only what the input says); the lease is
   * this task's.
   */
  async admitChange(ctx: Ctx, target: EnvironmentTarget): Promise<void> {
    const existing = await findExistingEnvironment(this.options.aws, target);
    await this.authorize(
      ctx,
      eksPlatformEnvironmentCreatePermission,
      this.resourceOf(target, existing),
    );
    await this.hold(ctx, target);
  }

  /** The environment as the policy sees it: the strictest of what is asked and what exists. */
  private resourceOf(
    target: EnvironmentTarget,
    existing?: ExistingEnvironment,
  ): EksEnvironmentResource[] {
    const presets = [target.environment, ...(existing?.presets ?? [])];
    const preset = presets.reduce((a, b) =>
      (PRESET_RANK[b] ?? 2) > (PRESET_RANK[a] ?? 2) ? b : a,
    ) as EnvironmentName;
    const owners = existing?.owners.length ? existing.owners : [target.owner];
    // Every owner must be allowed: an environment tagged for two owners needs both.
    return owners.map(owner => ({
      preset,
      owner,
      name: target.name,
      account: target.account,
      region: target.region,
    }));
  }

  private async authorize(
    ctx: Ctx,
    permission: ResourcePermission<typeof EKS_ENVIRONMENT_RESOURCE_TYPE>,
    resources: EksEnvironmentResource[],
  ): Promise<void> {
    const credentials = await ctx.getInitiatorCredentials();
    const [decision] = await this.options.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    const refused = resources.find(resource =>
      decision.result === AuthorizeResult.CONDITIONAL
        ? !this.options.isAuthorized(decision, resource)
        : decision.result !== AuthorizeResult.ALLOW,
    );
    if (refused) {
      const { environmentAdmins, productionAdmins } = this.options.admins;
      throw new NotAllowedError(
        `${userOf(ctx)} may not ${VERBS[permission.name]} the ${
          refused.preset
        } environment ${refused.name} owned by ${
          refused.owner
        }: the permission policy refuses ${
          permission.name
        }. Dev and staging are for members of ${environmentAdmins.join(
          ', ',
        )} (eksPlatform.permissions.environmentAdmins) on environments their group owns; production and every owner for members of ${productionAdmins.join(
          ', ',
        )} (eksPlatform.permissions.productionAdmins)`,
      );
    }
  }

  private async hold(ctx: Ctx, target: EnvironmentTarget): Promise<void> {
    if (ctx.isDryRun) return;
    await this.options.leases.acquire(
      `${target.account}/${target.region}/${target.name}`,
      { taskId: ctx.task.id, userRef: ctx.user?.ref },
    );
  }
}

function userOf(ctx: Ctx): string {
  return ctx.user?.ref ?? 'The user who started this task';
}
