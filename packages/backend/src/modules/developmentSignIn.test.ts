import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import type { AuthResolverContext } from '@backstage/plugin-auth-node';
import authPlugin from '@backstage/plugin-auth-backend';
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

describe('assertDevelopmentSignInAllowed', () => {
  it('is off when auth.providers.development is not configured', () => {
    expect(
      assertDevelopmentSignInAllowed(new ConfigReader({}), 'production'),
    ).toBe(false);
  });

  it('is off when a later config file sets it to null', () => {
    const config = ConfigReader.fromConfigs([
      {
        context: 'app-config.yaml',
        data: { auth: { providers: { development: {} } } },
      },
      {
        context: 'app-config.production.yaml',
        data: { auth: { providers: { development: null } } },
      },
    ]);
    expect(assertDevelopmentSignInAllowed(config, 'production')).toBe(false);
  });

  it.each(['development', 'test'])('is on in NODE_ENV %s', nodeEnv => {
    expect(assertDevelopmentSignInAllowed(withProvider, nodeEnv)).toBe(true);
  });

  it.each(['production', undefined, ''])(
    'refuses to start in NODE_ENV %p',
    nodeEnv => {
      expect(() =>
        assertDevelopmentSignInAllowed(withProvider, nodeEnv),
      ).toThrow(/only allowed in development/);
    },
  );

  it('refuses to start when auth.environment is production', () => {
    const config = new ConfigReader({
      auth: { environment: 'production', providers: { development: {} } },
    });
    expect(() => assertDevelopmentSignInAllowed(config, 'development')).toThrow(
      /auth.environment is 'production'/,
    );
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
