/**
 * The server refuses, through the real actions against the sandbox, what a user who may
 * not touch an environment asks for: before any AWS call, with a message naming who, what
 * and why. The policy here decides as the product's default policy does.
 */
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  createEksEnvironmentConditionalDecision,
  eksEnvironmentConditions,
} from '@internal/plugin-eks-platform-node';
import { eksPlatformEnvironmentCreatePermission } from '@internal/plugin-eks-platform-common';
import {
  actionContext,
  isMutating,
  logLines,
  TODAY,
  useSandboxActionFixture,
} from '../__testUtils__/sandboxActionFixture';
import { testGuard } from '../__testUtils__/testGuard';
import { createArgoCdDestroyAction } from '../argocd';
import { createEnvironmentCheckAction } from '../check';
import { clusterAction } from '../cluster/__testUtils__/clusterTestUtils';
import {
  DEV_INPUT,
  networkAction,
} from '../network/__testUtils__/networkTestUtils';

const ALICE = 'user:default/alice.martin'; // platform-team
const GAELLE = 'user:default/gaelle.roux'; // dpj-developers
const GROUPS: Record<string, string[]> = {
  [ALICE]: ['group:default/platform-team'],
  [GAELLE]: ['group:default/dpj-developers'],
};

/** The default policy: platform-team gets dev and staging of its own group, nobody production. */
function defaultPolicy(permission: string, user?: string): PolicyDecision {
  const refs = user ? GROUPS[user] ?? [] : [];
  if (!refs.includes('group:default/platform-team')) {
    return { result: AuthorizeResult.DENY };
  }
  return createEksEnvironmentConditionalDecision(
    { ...eksPlatformEnvironmentCreatePermission, name: permission },
    {
      allOf: [
        eksEnvironmentConditions.isEnvironmentPreset({
          presets: ['dev', 'staging'],
        }),
        eksEnvironmentConditions.isEnvironmentOwnedBy({ owners: refs }),
      ],
    },
  );
}

function as(user: string, options: Parameters<typeof actionContext>[0]) {
  const ctx = actionContext(options);
  return {
    ...ctx,
    user: { ref: user },
    getInitiatorCredentials: async () =>
      ({ principal: { type: 'user', userEntityRef: user } } as any),
  };
}

const PLATFORM_DEV = { ...DEV_INPUT, owner: 'group:default/platform-team' };

describe('who may create, change or destroy an environment', () => {
  const fixture = useSandboxActionFixture();
  beforeEach(async () => {
    await fixture.reset();
  });

  const guard = () => testGuard(fixture.aws, { decide: defaultPolicy });

  it.each([
    ['a dpj-developers user, any preset', GAELLE, PLATFORM_DEV],
    [
      'a platform-team user, production',
      ALICE,
      {
        ...PLATFORM_DEV,
        environment: 'production' as const,
        name: 'dpj-dev',
      },
    ],
    [
      'a platform-team user, for a group they are not in',
      ALICE,
      { ...PLATFORM_DEV, owner: 'group:default/dpj-developers' },
    ],
  ])('refuses %s before any AWS call', async (_, user, input) => {
    await fixture.clearCalls();
    await expect(
      networkAction(fixture.aws, { guard: guard() }).handler(
        as(user, { input }) as any,
      ),
    ).rejects.toThrow(
      new RegExp(
        `^${user} may not create or change the ${input.environment} environment dpj-dev owned by ${input.owner}: the permission policy refuses eks-platform.environment.create`,
      ),
    );
    expect(await fixture.calls()).toEqual([]);
  });

  it('lets platform-team create a dev environment its group owns', async () => {
    const ctx = as(ALICE, { input: PLATFORM_DEV, taskId: 'task-a' });
    await networkAction(fixture.aws, { guard: guard() }).handler(ctx as any);
    expect(logLines(ctx.logger).join('\n')).toMatch(/Network of dpj-dev ready/);
  });

  it('refuses another task the environment, naming the task that created it and its owner, unless it adopts', async () => {
    const shared = guard();
    await networkAction(fixture.aws, { guard: shared }).handler(
      as(ALICE, { input: PLATFORM_DEV, taskId: 'task-a' }) as any,
    );
    await fixture.clearCalls();
    await expect(
      networkAction(fixture.aws, { guard: shared }).handler(
        as(ALICE, { input: PLATFORM_DEV, taskId: 'task-b' }) as any,
      ),
    ).rejects.toThrow(
      /^Environment dpj-dev already exists: VPC vpc-\w+ of dpj-dev in 111111111111\/eu-west-3 were created by task task-a \(eks-platform:task-id\), owner group:default\/platform-team\. A different task may not take it over/,
    );
    expect(
      (await fixture.calls()).filter(c => isMutating(c.operation)),
    ).toEqual([]);

    // A retry of the same task resumes.
    await networkAction(fixture.aws, { guard: shared }).handler(
      as(ALICE, { input: PLATFORM_DEV, taskId: 'task-a' }) as any,
    );

    // Adopting is refused to whom the policy refuses it, and logged when allowed.
    await expect(
      networkAction(fixture.aws, { guard: shared }).handler(
        as(GAELLE, {
          input: { ...PLATFORM_DEV, adopt: true },
          taskId: 'task-c',
        }) as any,
      ),
    ).rejects.toThrow(/may not create or change/);
    const adopting = as(ALICE, {
      input: { ...PLATFORM_DEV, adopt: true },
      taskId: 'task-d',
    });
    await networkAction(fixture.aws, {
      guard: testGuard(fixture.aws, {
        decide: defaultPolicy,
        isTaskActive: async () => false,
      }),
    }).handler(adopting as any);
    expect(logLines(adopting.logger, 'warn').join('\n')).toMatch(
      /^Adopting environment dpj-dev on request of user:default\/alice\.martin \(adopt: true\): VPC vpc-\w+ of dpj-dev in 111111111111\/eu-west-3 were created by task task-a/,
    );
  });

  it('lets one task at a time change an environment: the second is told who holds it', async () => {
    const shared = guard();
    const results = await Promise.allSettled(
      ['task-1', 'task-2'].map(taskId =>
        networkAction(fixture.aws, { guard: shared }).handler(
          as(ALICE, { input: PLATFORM_DEV, taskId }) as any,
        ),
      ),
    );
    const refused = results.filter(r => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(
      /Environment 111111111111\/eu-west-3\/dpj-dev is being changed by task task-[12], started by user:default\/alice\.martin, since .*: wait until that task ends/,
    );
    const vpcs = (await fixture.calls()).filter(
      c => c.operation === 'CreateVpc',
    );
    expect(vpcs).toHaveLength(1);
  });

  it('takes over the lease of a task that has ended', async () => {
    let active = true;
    const shared = testGuard(fixture.aws, {
      decide: defaultPolicy,
      isTaskActive: async () => active,
    });
    const check = createEnvironmentCheckAction({
      guard: shared,
      instances: [],
      now: () => TODAY,
    });
    const destroyCheck = (taskId: string) =>
      check.handler(
        as(ALICE, {
          input: {
            operation: 'destroy',
            ...PLATFORM_DEV,
            confirmEnvironmentName: 'dpj-dev',
          },
          taskId,
        }) as any,
      );
    await destroyCheck('task-1');
    await expect(destroyCheck('task-2')).rejects.toThrow(
      /being changed by task task-1/,
    );
    active = false;
    await destroyCheck('task-2');
  });

  it('refuses a cluster administrator of another account, before any AWS call', async () => {
    await fixture.clearCalls();
    const input = {
      ...PLATFORM_DEV,
      privateSubnetIds: [
        'subnet-0a1b2c3d4e5f60001',
        'subnet-0a1b2c3d4e5f60002',
        'subnet-0a1b2c3d4e5f60003',
      ],
      adminPrincipalArn: 'arn:aws:iam::999999999999:role/attacker',
    };
    await expect(
      clusterAction(fixture.aws).handler(as(ALICE, { input }) as any),
    ).rejects.toThrow(
      /adminPrincipalArn: adminPrincipalArn must be a role of the environment's account 111111111111, got a role of account 999999999999/,
    );
    expect(await fixture.calls()).toEqual([]);
  });

  it('checks every field of the later steps in the first step, before any AWS call', async () => {
    await fixture.clearCalls();
    const check = createEnvironmentCheckAction({
      guard: guard(),
      instances: [],
      now: () => TODAY,
    });
    await expect(
      check.handler(
        as(ALICE, {
          input: {
            operation: 'create',
            ...PLATFORM_DEV,
            adminPrincipalArn: 'arn:aws:iam::999999999999:role/attacker',
            mode: 'api',
            argocdRoleArn: 'argocd',
            repoUrl: 'ftp://example',
          },
        }) as any,
      ),
    ).rejects.toThrow(
      /adminPrincipalArn: .*account 999999999999[\s\S]*argocdRoleArn: [\s\S]*repoUrl: /,
    );
    expect(await fixture.calls()).toEqual([]);
  });

  it('refuses to delete ArgoCD applications before the name is confirmed, for every preset', async () => {
    const request = jest.fn();
    const destroy = createArgoCdDestroyAction({
      instances: [{ name: 'argocd', url: 'https://argocd.test', token: 't' }],
      guard: guard(),
      now: () => TODAY,
      fetch: request as any,
    });
    for (const environment of ['dev', 'staging', 'production'] as const) {
      await expect(
        destroy.handler(
          as(ALICE, {
            input: { ...PLATFORM_DEV, environment, mode: 'api' },
          }) as any,
        ),
      ).rejects.toThrow(/confirmEnvironmentName/);
    }
    expect(request).not.toHaveBeenCalled();
  });
});
