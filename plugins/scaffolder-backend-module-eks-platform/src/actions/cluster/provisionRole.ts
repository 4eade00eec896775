/**
 * One IAM role of the cluster: found by name or created, then brought to exactly the trust
 * policy and the managed policies the plan names. Trust and policies are read-then-change
 * steps of their own, so a role made by an earlier version of the action (or an earlier
 * run of the task, whose role step is checkpointed) still converges.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DetachRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  Role,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  CheckpointedSteps,
  ResourceStepResult,
} from '../shared/checkpointedSteps';
import { TagMap } from '../shared/tagging';

export interface PlannedRole {
  component: string;
  name: string;
  trust: object;
  /** Managed policy ARNs: exactly these end up attached. */
  policies: string[];
  description: string;
  tags: TagMap;
}

const iamTags = (tags: TagMap) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** Whether a trust policy as IAM returns it (URL-encoded JSON) says what `wanted` says. */
export function sameTrustPolicy(
  returned: string | undefined,
  wanted: object,
): boolean {
  if (returned === undefined) return false;
  try {
    return isDeepStrictEqual(
      JSON.parse(decodeURIComponent(returned)),
      JSON.parse(JSON.stringify(wanted)),
    );
  } catch {
    return false;
  }
}

export async function provisionRole(
  options: {
    iam: IAMClient;
    steps: CheckpointedSteps;
    logger: LoggerService;
    /** The role of that name when the inventory was taken, if there was one. */
    existing: Role | undefined;
  },
  role: PlannedRole,
): Promise<ResourceStepResult> {
  const { iam, steps, logger, existing } = options;
  const { component, name } = role;
  const { id: arn, outcome } = await steps.resource({
    component,
    kind: 'IAM role',
    name,
    find: async () => ({
      live: existing ? [{ id: existing.Arn!, label: name }] : [],
    }),
    create: async () => {
      const { Role: created } = await iam.send(
        new CreateRoleCommand({
          RoleName: name,
          AssumeRolePolicyDocument: JSON.stringify(role.trust),
          Description: role.description,
          Tags: iamTags(role.tags),
        }),
      );
      return created!.Arn!;
    },
  });
  await steps.run(
    `${component}-trust`,
    async () => {
      // A role created just now has the planned trust; one found may predate it.
      if (
        outcome !== 'created' &&
        !sameTrustPolicy(existing?.AssumeRolePolicyDocument, role.trust)
      ) {
        await iam.send(
          new UpdateAssumeRolePolicyCommand({
            RoleName: name,
            PolicyDocument: JSON.stringify(role.trust),
          }),
        );
        logger.info(`Updated the trust policy of IAM role ${name}`);
      }
      return arn;
    },
    value => steps.isLive(value),
  );
  await steps.run(
    `${component}-policies`,
    async () => {
      const { AttachedPolicies = [] } = await iam.send(
        new ListAttachedRolePoliciesCommand({ RoleName: name }),
      );
      const attached = AttachedPolicies.map(p => p.PolicyArn!);
      for (const policy of role.policies.filter(p => !attached.includes(p))) {
        await iam.send(
          new AttachRolePolicyCommand({ RoleName: name, PolicyArn: policy }),
        );
        logger.info(`Attached ${policy} to IAM role ${name}`);
      }
      // Least privilege: whatever else is attached to the role goes.
      for (const policy of attached.filter(p => !role.policies.includes(p))) {
        await iam.send(
          new DetachRolePolicyCommand({ RoleName: name, PolicyArn: policy }),
        );
        logger.warn(`Detached ${policy} from IAM role ${name}: not needed`);
      }
      return arn;
    },
    value => steps.isLive(value),
  );
  return { id: arn, outcome };
}
