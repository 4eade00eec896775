import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { Config, ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import type { AuthResolverContext } from '@backstage/plugin-auth-node';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProviderModule from '@backstage/plugin-auth-backend-module-guest-provider';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  assertDevelopmentSignInAllowed,
  authModuleDevelopmentUserProvider,
  DEVELOPMENT_USER_HEADER,
  readDevelopmentUserName,
  signInAsCatalogUser,
} from './developmentSignIn';

const withProvider = new ConfigReader({
  auth: { providers: { development: {} } },
});

const REPOSITORY = resolve(__dirname, '../../../..');

/** The repository's config files merged by Backstage's own loader, as `--config` does. */
async function loadRepositoryConfig(...files: string[]): Promise<Config> {
  let loaded: Config | undefined;
  const capture = createBackendPlugin({
    pluginId: 'config-capture',
    register(reg) {
      reg.registerInit({
        deps: { config: coreServices.rootConfig },
        async init({ config }) {
          loaded = config;
        },
      });
    },
  });
  // The loader prints the files it reads; the test names them already.
  const log = jest.spyOn(console, 'log').mockImplementation(() => {});
  const backend = await startTestBackend({
    features: [
      rootConfigServiceFactory({
        argv: files.flatMap(file => ['--config', resolve(REPOSITORY, file)]),
        watch: false,
      }),
      capture,
    ],
  });
  await backend.stop();
  log.mockRestore();
  if (!loaded) throw new Error(`no config loaded from ${files.join(', ')}`);
  return loaded;
}

const BASE = 'app-config.yaml';
const PRODUCTION = 'app-config.production.yaml';
const DEVELOPMENT = 'app-config.development.yaml';

describe('assertDevelopmentSignInAllowed', () => {
  it('is off when auth.providers.development is not configured', () => {
    expect(
      assertDevelopmentSignInAllowed(new ConfigReader({}), 'production'),
    ).toBe(false);
  });

  it.each(['development', 'test'])('is on in NODE_ENV %s', nodeEnv => {
    expect(assertDevelopmentSignInAllowed(withProvider, nodeEnv)).toBe(true);
  });

  it('is on with auth.environment development', () => {
    const config = new ConfigReader({
      auth: { environment: 'development', providers: { development: {} } },
    });
    expect(assertDevelopmentSignInAllowed(config, 'development')).toBe(true);
  });

  // auth.environment unset: NODE_ENV alone decides, and only development/test pass.
  it.each(['production', 'staging', undefined, ''])(
    'refuses to start in NODE_ENV %p with auth.environment unset',
    nodeEnv => {
      expect(() =>
        assertDevelopmentSignInAllowed(withProvider, nodeEnv),
      ).toThrow(/only allowed in development/);
    },
  );

  it.each(['production', 'staging'])(
    'refuses to start when auth.environment is %s, whatever NODE_ENV',
    authEnvironment => {
      const config = new ConfigReader({
        auth: { environment: authEnvironment, providers: { development: {} } },
      });
      for (const nodeEnv of ['development', 'test', 'production']) {
        expect(() => assertDevelopmentSignInAllowed(config, nodeEnv)).toThrow(
          `auth.environment is '${authEnvironment}'`,
        );
      }
    },
  );
});

describe('the repository configuration', () => {
  it('enables no development sign-in in app-config.yaml alone', async () => {
    const config = await loadRepositoryConfig(BASE);
    expect(config.has('auth.providers.development')).toBe(false);
    expect(config.has('app.developmentSignIn')).toBe(false);
    expect(assertDevelopmentSignInAllowed(config, 'production')).toBe(false);
  });

  it('enables none in production, which sets auth.environment production', async () => {
    const config = await loadRepositoryConfig(BASE, PRODUCTION);
    expect(config.has('auth.providers.development')).toBe(false);
    expect(config.has('app.developmentSignIn')).toBe(false);
    expect(config.getOptionalString('auth.environment')).toBe('production');
    expect(assertDevelopmentSignInAllowed(config, 'production')).toBe(false);
    // The stock guest module is registered everywhere and reads this key at start.
    expect(config.has('auth.providers.guest')).toBe(true);
  });

  it('enables it in development, with the personas of the sign-in page', async () => {
    const config = await loadRepositoryConfig(BASE, DEVELOPMENT);
    expect(assertDevelopmentSignInAllowed(config, 'development')).toBe(true);
    expect(
      config
        .getConfigArray('app.developmentSignIn.users')
        .map(user => user.getString('name')),
    ).toEqual(['alice.martin', 'chloe.durand', 'emma.bernard', 'gaelle.roux']);
  });

  it('refuses to start with the development file under NODE_ENV production', async () => {
    const config = await loadRepositoryConfig(BASE, DEVELOPMENT);
    expect(() => assertDevelopmentSignInAllowed(config, 'production')).toThrow(
      /only allowed in development/,
    );
  });

  it.each([
    [[BASE, PRODUCTION, DEVELOPMENT]],
    [[BASE, DEVELOPMENT, PRODUCTION]],
  ])(
    'refuses to start when the development file joins production: %j',
    async files => {
      const config = await loadRepositoryConfig(...files);
      expect(() =>
        assertDevelopmentSignInAllowed(config, 'development'),
      ).toThrow(/auth.environment is 'production'/);
    },
  );

  it('is loaded by yarn start and yarn start:replicas', () => {
    const { scripts } = JSON.parse(
      readFileSync(resolve(REPOSITORY, 'package.json'), 'utf8'),
    );
    for (const script of ['start', 'start:replicas']) {
      expect(scripts[script]).toContain(`--config ../../${DEVELOPMENT}`);
    }
  });
});

describe('readDevelopmentUserName', () => {
  it('reads a catalog user name', () => {
    expect(readDevelopmentUserName(' emma.bernard ')).toBe('emma.bernard');
    expect(readDevelopmentUserName(['gaelle.roux'])).toBe('gaelle.roux');
  });

  it.each([undefined, '', '  '])('requires the header (%p)', value => {
    expect(() => readDevelopmentUserName(value)).toThrow(
      /x-development-user header/,
    );
  });

  it.each([
    'user:default/emma.bernard',
    '../emma',
    'emma bernard',
    'emma..bernard',
    'a'.repeat(64),
  ])('refuses %p', value => {
    expect(() => readDevelopmentUserName(value)).toThrow(
      /not a valid catalog user name/,
    );
  });
});

describe('signInAsCatalogUser', () => {
  function context(signInWithCatalogUser: jest.Mock): AuthResolverContext {
    return { signInWithCatalogUser } as unknown as AuthResolverContext;
  }
  const info = { profile: {}, result: { userName: 'emma.bernard' } };

  it('signs in as the catalog user of that name', async () => {
    const signIn = jest.fn().mockResolvedValue({ token: 'a-token' });
    await expect(signInAsCatalogUser(info, context(signIn))).resolves.toEqual({
      token: 'a-token',
    });
    expect(signIn).toHaveBeenCalledWith({
      entityRef: { name: 'emma.bernard' },
    });
  });

  it('refuses a name that is not in the catalog', async () => {
    const signIn = jest
      .fn()
      .mockRejectedValue(new NotFoundError('User not found'));
    await expect(signInAsCatalogUser(info, context(signIn))).rejects.toThrow(
      "Development sign-in refused: there is no catalog user 'emma.bernard' (user:default/emma.bernard)",
    );
  });

  it('passes other errors on', async () => {
    const signIn = jest.fn().mockRejectedValue(new Error('catalog down'));
    await expect(signInAsCatalogUser(info, context(signIn))).rejects.toThrow(
      'catalog down',
    );
  });
});

describe('authModuleDevelopmentUserProvider', () => {
  const entities: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'emma.bernard', namespace: 'default' },
      spec: {
        profile: {
          displayName: 'Emma Bernard',
          email: 'emma.bernard@dpj.example',
        },
        memberOf: [],
      },
      relations: [{ type: 'memberOf', targetRef: 'group:default/finance' }],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'finance', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
  ];

  async function startAuth(providers: object) {
    const { server } = await startTestBackend({
      features: [
        authPlugin,
        authModuleDevelopmentUserProvider,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            auth: { providers },
          },
        }),
      ],
    });
    return server;
  }

  it('signs in as a catalog user with its groups', async () => {
    const server = await startAuth({ development: {} });
    const res = await request(server)
      .get('/api/auth/development/refresh')
      .set(DEVELOPMENT_USER_HEADER, 'emma.bernard');
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/emma.bernard',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/emma.bernard',
        'group:default/finance',
      ]),
    });
    expect(res.body.backstageIdentity.token).toEqual(expect.any(String));
    expect(res.body.profile).toEqual({
      displayName: 'Emma Bernard',
      email: 'emma.bernard@dpj.example',
    });
  });

  it('refuses a user name that is not in the catalog', async () => {
    const server = await startAuth({ development: {} });
    const res = await request(server)
      .get('/api/auth/development/refresh')
      .set(DEVELOPMENT_USER_HEADER, 'nobody');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      "there is no catalog user 'nobody'",
    );
  });

  it('refuses a request without the header', async () => {
    const server = await startAuth({ development: {} });
    const res = await request(server).get('/api/auth/development/refresh');
    expect(res.status).toBe(400);
  });

  it('is absent when auth.providers.development is not configured', async () => {
    const server = await startAuth({ guest: {} });
    const res = await request(server)
      .get('/api/auth/development/refresh')
      .set(DEVELOPMENT_USER_HEADER, 'emma.bernard');
    expect(res.status).toBe(404);
  });

  it('is absent with the production configuration, which still starts', async () => {
    const production = await loadRepositoryConfig(BASE, PRODUCTION);
    const { server } = await startTestBackend({
      features: [
        authPlugin,
        guestProviderModule,
        authModuleDevelopmentUserProvider,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: { app: production.get('app'), auth: production.get('auth') },
        }),
      ],
    });
    const res = await request(server)
      .get('/api/auth/development/refresh')
      .set(DEVELOPMENT_USER_HEADER, 'emma.bernard');
    expect(res.status).toBe(404);
  });

  it('stops the backend from starting when auth.environment is production', async () => {
    await expect(
      startTestBackend({
        features: [
          authPlugin,
          authModuleDevelopmentUserProvider,
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              auth: {
                environment: 'production',
                providers: { development: {} },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/auth.environment is 'production'/);
  });
});
