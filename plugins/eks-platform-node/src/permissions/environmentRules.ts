/**
 * The permission rules of `eks-platform-environment` and `eks-platform-deployment` resources. A policy builds its
 * conditional decisions with `eksEnvironmentConditions`; the scaffolder module, which
 * registers the rules, applies them to the environment an action targets.
 */
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  EKS_DEPLOYMENT_RESOURCE_TYPE,
  EKS_ENVIRONMENT_RESOURCE_TYPE,
  EksDeploymentResource,
  EksEnvironmentResource,
  ENVIRONMENTS,
} from '@internal/plugin-eks-platform-common';
import { z } from 'zod';

/** Environments are decided on inside the scaffolder, where the actions run. */
export const eksEnvironmentResourceRef = createPermissionResourceRef<
  EksEnvironmentResource,
  never
>().with({
  pluginId: 'scaffolder',
  resourceType: EKS_ENVIRONMENT_RESOURCE_TYPE,
});

// Environments and deployments are decided by the same two rules.
const presetsParams = z.object({
  presets: z.array(z.enum(ENVIRONMENTS)).describe('Presets to match'),
});
const ownersParams = z.object({
  owners: z.array(z.string()).describe('Owning group entity refs'),
});
const matchesPreset = (
  resource: { preset: string },
  { presets }: z.infer<typeof presetsParams>,
) => (presets as string[]).includes(resource.preset);
const matchesOwner = (
  resource: { owner: string },
  { owners }: z.infer<typeof ownersParams>,
) => owners.some(o => o.toLowerCase() === resource.owner.toLowerCase());
// Resources are not listed from a store: there is no query to narrow.
const noQuery = () => ({} as never);

export const eksEnvironmentPermissionRules = {
  isEnvironmentPreset: createPermissionRule({
    name: 'IS_ENVIRONMENT_PRESET',
    description:
      'Allow environments of the given presets (dev, staging, production)',
    resourceRef: eksEnvironmentResourceRef,
    paramsSchema: presetsParams,
    apply: matchesPreset,
    toQuery: noQuery,
  }),
  isEnvironmentOwnedBy: createPermissionRule({
    name: 'IS_ENVIRONMENT_OWNED_BY',
    description: 'Allow environments owned by one of the given entity refs',
    resourceRef: eksEnvironmentResourceRef,
    paramsSchema: ownersParams,
    apply: matchesOwner,
    toQuery: noQuery,
  }),
};

export const {
  conditions: eksEnvironmentConditions,
  createConditionalDecision: createEksEnvironmentConditionalDecision,
} = createConditionExports({
  resourceRef: eksEnvironmentResourceRef,
  rules: eksEnvironmentPermissionRules,
});

/** Deployments are decided on inside the eks-platform backend, which calls ArgoCD. */
export const eksDeploymentResourceRef = createPermissionResourceRef<
  EksDeploymentResource,
  never
>().with({
  pluginId: 'eks-platform',
  resourceType: EKS_DEPLOYMENT_RESOURCE_TYPE,
});

export const eksDeploymentPermissionRules = {
  isEnvironmentPreset: createPermissionRule({
    name: 'IS_ENVIRONMENT_PRESET',
    description:
      'Allow deployments to environments of the given presets (dev, staging, production)',
    resourceRef: eksDeploymentResourceRef,
    paramsSchema: presetsParams,
    apply: matchesPreset,
    toQuery: noQuery,
  }),
  isEnvironmentOwnedBy: createPermissionRule({
    name: 'IS_ENVIRONMENT_OWNED_BY',
    description:
      'Allow deployments to environments owned by one of the given entity refs',
    resourceRef: eksDeploymentResourceRef,
    paramsSchema: ownersParams,
    apply: matchesOwner,
    toQuery: noQuery,
  }),
};

export const {
  conditions: eksDeploymentConditions,
  createConditionalDecision: createEksDeploymentConditionalDecision,
} = createConditionExports({
  resourceRef: eksDeploymentResourceRef,
  rules: eksDeploymentPermissionRules,
});
