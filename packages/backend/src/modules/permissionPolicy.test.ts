import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  EksDeploymentResource,
  eksPlatformDeploymentsRollbackPermission,
  eksPlatformDeploymentsSyncPermission,
  EksEnvironmentResource,
  eksPlatformCostReadPermission,
  eksPlatformEnvironmentAdoptPermission,
  eksPlatformEnvironmentCreatePermission,
  eksPlatformEnvironmentDeletePermission,
} from '@internal/plugin-eks-platform-common';
import {
  eksDeploymentPermissionRules,
  eksEnvironmentPermissionRules,
  readEnvironmentAdmins,
} from '@internal/plugin-eks-platform-node';
import { ConfigReader } from '@backstage/config';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import {
  DEFAULT_COST_READERS,
  EksPlatformPermissionPolicy,
  permissionModuleEksPlatformPolicy,
} from './permissionPolicy';

/** The ownership refs the catalog gives the demo users (catalog-info.yaml). */
const OWNERSHIP: Record<string, string[]> = {
  'user:default/emma.bernard': [
    'user:default/emma.bernard',
    'group:default/finance',
  ],
  'user:default/alice.martin': [
    'user:default/alice.martin',
    'group:default/platform-team',
  ],
  'user:default/gaelle.roux': [
    'user:default/gaelle.roux',
    'group:default/dpj-developers',
  ],
  'user:default/chloe.durand': [
    'user:default/chloe.durand',
    'group:default/sre',
  ],
};

function userRefOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as { userEntityRef: string };
  return principal.userEntityRef;
}

const userInfo = {
  async getUserInfo(credentials: BackstageCredentials) {
    const userEntityRef = userRefOf(credentials);
    return {
      userEntityRef,
      ownershipEntityRefs: OWNERSHIP[userEntityRef] ?? [userEntityRef],
    };
  },
};

function asUser(userEntityRef: string): PolicyQueryUser {
  const credentials = mockCredentials.user(userEntityRef);
  return {
    credentials,
    info: {
      userEntityRef,
      ownershipEntityRefs: OWNERSHIP[userEntityRef] ?? [userEntityRef],
    },
  };
}

const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});
const kubernetesProxy = createPermission({
  name: 'kubernetes.proxy',
  attributes: {},
});

const DEFAULT_ADMINS = readEnvironmentAdmins(new ConfigReader({}));

/** Applies the policy's conditions the way the scaffolder module does. */
const rules = Object.values(eksEnvironmentPermissionRules);
const isAuthorized = createConditionAuthorizer({
  getRuleByName: (name: string) => rules.find(r => r.name === name)!,
} as any);

function environment(
  preset: EksEnvironmentResource['preset'],
  owner = 'group:default/platform-team',
): EksEnvironmentResource {
  return {
    preset,
    owner,
    name: 'x',
    account: '111111111111',
    region: 'eu-west-3',
  };
}

describe('EksPlatformPermissionPolicy', () => {
  const policy = new EksPlatformPermissionPolicy({
    costReaders: DEFAULT_COST_READERS,
    userInfo,
    admins: DEFAULT_ADMINS,
  });
  const cost = { permission: eksPlatformCostReadPermission };

  it.each([
    ['a finance user', 'user:default/emma.bernard'],
    ['a platform-team user', 'user:default/alice.martin'],
  ])('allows eks-platform.cost.read to %s', async (_, user) => {
    await expect(policy.handle(cost, asUser(user))).resolves.toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it.each([
    ['a dpj-developers user', 'user:default/gaelle.roux'],
    ['an sre user', 'user:default/chloe.durand'],
    ['the development guest', 'user:development/guest'],
  ])('denies eks-platform.cost.read to %s', async (_, user) => {
    await expect(policy.handle(cost, asUser(user))).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('denies eks-platform.cost.read without a user', async () => {
    await expect(policy.handle(cost)).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
  });

  it('matches the permission by name, not by object identity', async () => {
    const sameName = createPermission({
      name: 'eks-platform.cost.read',
      attributes: { action: 'read' },
    });
    await expect(
      policy.handle(
        { permission: sameName },
        asUser('user:default/gaelle.roux'),
      ),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('matches cost readers without regard to case', async () => {
    const upper = new EksPlatformPermissionPolicy({
      costReaders: ['Group:default/Finance'],
      userInfo,
      admins: DEFAULT_ADMINS,
    });
    await expect(
      upper.handle(cost, asUser('user:default/emma.bernard')),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it.each([
    ['a dpj-developers user', asUser('user:default/gaelle.roux')],
    ['a finance user', asUser('user:default/emma.bernard')],
    ['no user (a service)', undefined],
  ])('allows any other permission to %s', async (_, user) => {
    for (const permission of [catalogRead, kubernetesProxy]) {
      await expect(policy.handle({ permission }, user)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
  });
});

describe('EksPlatformPermissionPolicy on environments', () => {
  const policy = new EksPlatformPermissionPolicy({
    costReaders: DEFAULT_COST_READERS,
    userInfo,
    admins: {
      environmentAdmins: ['group:default/platform-team'],
      productionAdmins: ['group:default/sre'],
    },
  });
  const permissions = [
    eksPlatformEnvironmentCreatePermission,
    eksPlatformEnvironmentDeletePermission,
    eksPlatformEnvironmentAdoptPermission,
  ];

  async function allowed(
    user: string | undefined,
    resource: EksEnvironmentResource,
  ): Promise<boolean[]> {
    return Promise.all(
      permissions.map(async permission => {
        const decision = await policy.handle(
          { permission },
          user ? asUser(user) : undefined,
        );
        return isAuthorized(decision, resource);
      }),
    );
  }

  it('lets environment admins touch dev and staging their group owns, not production', async () => {
    const alice = 'user:default/alice.martin';
    expect(await allowed(alice, environment('dev'))).toEqual([
      true,
      true,
      true,
    ]);
    expect(await allowed(alice, environment('staging'))).toEqual([
      true,
      true,
      true,
    ]);
    expect(await allowed(alice, environment('production'))).toEqual([
      false,
      false,
      false,
    ]);
  });

  it('refuses environment admins an environment another group owns', async () => {
    expect(
      await allowed(
        'user:default/alice.martin',
        environment('dev', 'group:default/dpj-developers'),
      ),
    ).toEqual([false, false, false]);
  });

  it('lets production admins touch every preset, for any owner', async () => {
    const chloe = 'user:default/chloe.durand';
    for (const preset of ['dev', 'staging', 'production'] as const) {
      expect(
        await allowed(chloe, environment(preset, 'group:default/finance')),
      ).toEqual([true, true, true]);
    }
  });

  it('refuses everyone else and requests without a user', async () => {
    for (const user of [
      'user:default/gaelle.roux',
      'user:default/emma.bernard',
      undefined,
    ]) {
      expect(await allowed(user, environment('dev'))).toEqual([
        false,
        false,
        false,
      ]);
    }
  });
});

describe('permissionModuleEksPlatformPolicy', () => {
  async function installedPolicy(data: object): Promise<PermissionPolicy> {
    let installed: PermissionPolicy | undefined;
    await startTestBackend({
      extensionPoints: [
        [
          policyExtensionPoint,
          { setPolicy: (p: PermissionPolicy) => (installed = p) },
        ],
      ],
      features: [
        permissionModuleEksPlatformPolicy,
        mockServices.rootConfig.factory({ data }),
        mockServices.userInfo.mock({ getUserInfo: userInfo.getUserInfo })
          .factory,
      ],
    });
    if (!installed) {
      throw new Error('the module set no policy');
    }
    return installed;
  }

  it('grants finance and platform-team by default', async () => {
    const policy = await installedPolicy({});
    const cost = { permission: eksPlatformCostReadPermission };
    for (const [user, result] of [
      ['user:default/emma.bernard', AuthorizeResult.ALLOW],
      ['user:default/alice.martin', AuthorizeResult.ALLOW],
      ['user:default/gaelle.roux', AuthorizeResult.DENY],
    ] as const) {
      await expect(policy.handle(cost, asUser(user))).resolves.toEqual({
        result,
      });
    }
  });

  it('reads the production admins from eksPlatform.permissions.productionAdmins', async () => {
    const policy = await installedPolicy({
      eksPlatform: { permissions: { productionAdmins: ['group:default/sre'] } },
    });
    const create = { permission: eksPlatformEnvironmentCreatePermission };
    const production = environment('production');
    for (const [user, result] of [
      ['user:default/chloe.durand', true],
      ['user:default/alice.martin', false],
    ] as const) {
      expect(
        isAuthorized(await policy.handle(create, asUser(user)), production),
      ).toBe(result);
    }
  });

  it('reads the cost readers from eksPlatform.permissions.costReaders', async () => {
    const policy = await installedPolicy({
      eksPlatform: { permissions: { costReaders: ['group:default/sre'] } },
    });
    const cost = { permission: eksPlatformCostReadPermission };
    for (const [user, result] of [
      ['user:default/chloe.durand', AuthorizeResult.ALLOW],
      ['user:default/emma.bernard', AuthorizeResult.DENY],
    ] as const) {
      await expect(policy.handle(cost, asUser(user))).resolves.toEqual({
        result,
      });
    }
  });
});

describe('EksPlatformPermissionPolicy on deployments', () => {
  const policy = new EksPlatformPermissionPolicy({
    costReaders: DEFAULT_COST_READERS,
    userInfo,
    admins: {
      environmentAdmins: ['group:default/platform-team'],
      productionAdmins: ['group:default/sre'],
    },
  });
  const deploymentRules = Object.values(eksDeploymentPermissionRules);
  const isDeploymentAuthorized = createConditionAuthorizer({
    getRuleByName: (name: string) =>
      deploymentRules.find(r => r.name === name)!,
  } as any);

  async function allowed(
    user: string | undefined,
    preset: EksDeploymentResource['preset'],
    owner: string,
  ): Promise<boolean[]> {
    const resource = { preset, owner, name: 'resource:default/x' };
    return Promise.all(
      [
        eksPlatformDeploymentsSyncPermission,
        eksPlatformDeploymentsRollbackPermission,
      ].map(async permission =>
        isDeploymentAuthorized(
          await policy.handle({ permission }, user ? asUser(user) : undefined),
          resource,
        ),
      ),
    );
  }

  it('lets the owning group sync and roll back dev and staging, not production', async () => {
    const gaelle = 'user:default/gaelle.roux';
    const owner = 'group:default/dpj-developers';
    expect(await allowed(gaelle, 'dev', owner)).toEqual([true, true]);
    expect(await allowed(gaelle, 'staging', owner)).toEqual([true, true]);
    expect(await allowed(gaelle, 'production', owner)).toEqual([false, false]);
    expect(
      await allowed(gaelle, 'staging', 'group:default/platform-team'),
    ).toEqual([false, false]);
  });

  it('lets production admins act everywhere and refuses requests without a user', async () => {
    for (const preset of ['dev', 'staging', 'production'] as const) {
      expect(
        await allowed('user:default/chloe.durand', preset, 'group:default/x'),
      ).toEqual([true, true]);
      expect(await allowed(undefined, preset, 'group:default/x')).toEqual([
        false,
        false,
      ]);
    }
  });
});
