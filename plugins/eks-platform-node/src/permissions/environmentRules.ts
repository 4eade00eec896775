/**
 * The permission rules of `eks-platform-environment` resources. A policy builds its
 * conditional decisions with `eksEnvironmentConditions`; the scaffolder module, which
 * registers the rules, applies them to the environment an action targets.
 */
import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  EKS_ENVIRONMENT_RESOURCE_TYPE,
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

const isEnvironmentPreset = createPermissionRule({
  name: 'IS_ENVIRONMENT_PRESET',
  description:
    'Allow environments of the given presets (dev, staging, production)',
  resourceRef: eksEnvironmentResourceRef,
  paramsSchema: z.object({
    presets: z.array(z.enum(ENVIRONMENTS)).describe('Presets to match'),
  }),
  apply: (resource, { presets }) => presets.includes(resource.preset),
  // Environments are not listed from a store: there is no query to narrow.
  toQuery: () => ({} as never),
});

const isEnvironmentOwnedBy = createPermissionRule({
  name: 'IS_ENVIRONMENT_OWNED_BY',
  description: 'Allow environments owned by one of the given entity refs',
  resourceRef: eksEnvironmentResourceRef,
  paramsSchema: z.object({
    owners: z.array(z.string()).describe('Owning group entity refs'),
  }),
  apply: (resource, { owners }) =>
    owners.some(o => o.toLowerCase() === resource.owner.toLowerCase()),
  toQuery: () => ({} as never),
});

export const eksEnvironmentPermissionRules = {
  isEnvironmentPreset,
  isEnvironmentOwnedBy,
};

export const {
  conditions: eksEnvironmentConditions,
  createConditionalDecision: createEksEnvironmentConditionalDecision,
} = createConditionExports({
  resourceRef: eksEnvironmentResourceRef,
  rules: eksEnvironmentPermissionRules,
});
