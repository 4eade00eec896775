/**
 * Development sign-in as a catalog user: the `development` auth provider.
 *
 * The frontend's sign-in page sends the chosen catalog user name in the
 * `x-development-user` header to `/api/auth/development/refresh`; this provider
 * signs in as `user:default/<name>` with the ownership (user + groups) the catalog
 * gives that user, so local demos and end-to-end tests run as real catalog users
 * and the permission policy sees real groups.
 *
 * There is no password: anyone who can reach the backend can be anyone. It is
 * therefore impossible to enable outside development:
 * - it is only registered when `auth.providers.development` is configured, which
 *   only app-config.development.yaml does (loaded by `yarn start` and the local
 *   harnesses, never by a deployment);
 * - the backend refuses to start (throws here) when it is configured while
 *   `auth.environment` is anything but unset or `development` (production sets
 *   `production`), or NODE_ENV is anything but `development` (`yarn start`) or
 *   `test` (Jest), unset included — the production image sets NODE_ENV=production.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
  ProfileTransform,
  SignInResolver,
} from '@backstage/plugin-auth-node';

/** The request header carrying the catalog user name to sign in as. */
export const DEVELOPMENT_USER_HEADER = 'x-development-user';

/** The auth provider id: `/api/auth/development/refresh`. */
export const DEVELOPMENT_PROVIDER_ID = 'development';

const NODE_ENVS_ALLOWED = ['development', 'test'];

/** auth.environment values it may run with; unset means Backstage's default, development. */
const AUTH_ENVIRONMENTS_ALLOWED = [undefined, 'development'];

const REMEDY =
  'remove it from the configuration (only app-config.development.yaml may configure it) and configure a real sign-in provider';

/** A catalog entity name (metadata.name): 1-63 letters, digits and single [-_.] separators. */
const ENTITY_NAME = /^[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$/;

/** What the authenticator hands the sign-in resolver. */
export type DevelopmentUserResult = { userName: string };

/**
 * Throws when the development provider is configured where it must not run.
 * Returns whether it is configured (and so must be registered).
 */
export function assertDevelopmentSignInAllowed(
  config: Config,
  nodeEnv: string | undefined,
): boolean {
  if (!config.has(`auth.providers.${DEVELOPMENT_PROVIDER_ID}`)) {
    return false;
  }
  const authEnvironment = config.getOptionalString('auth.environment');
  if (!AUTH_ENVIRONMENTS_ALLOWED.includes(authEnvironment)) {
    throw new Error(
      `auth.providers.${DEVELOPMENT_PROVIDER_ID} (sign-in as any catalog user, without a password) is configured while auth.environment is '${authEnvironment}': ${REMEDY}`,
    );
  }
  if (!nodeEnv || !NODE_ENVS_ALLOWED.includes(nodeEnv)) {
    throw new Error(
      `auth.providers.${DEVELOPMENT_PROVIDER_ID} (sign-in as any catalog user, without a password) is only allowed in development (NODE_ENV 'development' or 'test'), but NODE_ENV is '${
        nodeEnv ?? ''
      }': ${REMEDY}`,
    );
  }
  return true;
}

/** Reads and validates the catalog user name of a request. */
export function readDevelopmentUserName(
  header: string | string[] | undefined,
): string {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) {
    throw new InputError(
      `Development sign-in needs the catalog user name in the ${DEVELOPMENT_USER_HEADER} header`,
    );
  }
  if (value.length > 63 || !ENTITY_NAME.test(value)) {
    throw new InputError(
      `Development sign-in: '${value}' is not a valid catalog user name (e.g. emma.bernard)`,
    );
  }
  return value;
}

export const developmentUserAuthenticator = createProxyAuthenticator<
  { disabled: boolean },
  DevelopmentUserResult,
  undefined
>({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize() {
    // The module refuses to start outside development already; checked again per
    // request so that the provider can never answer there.
    return {
      disabled: !NODE_ENVS_ALLOWED.includes(process.env.NODE_ENV ?? ''),
    };
  },
  async authenticate({ req }, ctx) {
    if (ctx.disabled) {
      throw new NotAllowedError(
        'The development sign-in provider is disabled outside development',
      );
    }
    return {
      result: {
        userName: readDevelopmentUserName(req.headers[DEVELOPMENT_USER_HEADER]),
      },
    };
  },
});

/**
 * Signs in as `user:default/<name>`; a name without a User entity in the catalog
 * is refused (403), never signed in with a made-up identity.
 */
export const signInAsCatalogUser: SignInResolver<
  DevelopmentUserResult
> = async ({ result }, ctx) => {
  const entityRef = `user:default/${result.userName}`;
  try {
    return await ctx.signInWithCatalogUser({
      entityRef: { name: result.userName },
    });
  } catch (error) {
    if (error instanceof Error && error.name === NotFoundError.name) {
      throw new NotAllowedError(
        `Development sign-in refused: there is no catalog user '${result.userName}' (${entityRef}). Use the name of a User entity of the catalog, e.g. emma.bernard (right after the backend starts, the catalog may still be ingesting its users: retry in a moment).`,
      );
    }
    throw error;
  }
};

/**
 * The profile shown in the app (sidebar, settings): the catalog user's
 * spec.profile. An unknown user gets an empty profile here and is refused by
 * {@link signInAsCatalogUser}.
 */
export const catalogUserProfile: ProfileTransform<
  DevelopmentUserResult
> = async ({ userName }, ctx) => {
  try {
    const { entity } = await ctx.findCatalogUser({
      entityRef: { name: userName },
    });
    const profile = (entity.spec?.profile ?? {}) as {
      displayName?: unknown;
      email?: unknown;
      picture?: unknown;
    };
    const text = (value: unknown) =>
      typeof value === 'string' && value ? value : undefined;
    return {
      profile: {
        displayName: text(profile.displayName) ?? userName,
        email: text(profile.email),
        picture: text(profile.picture),
      },
    };
  } catch (error) {
    if (error instanceof Error && error.name === NotFoundError.name) {
      return { profile: {} };
    }
    throw error;
  }
};

/** Registers the `development` provider, only where it is configured and allowed. */
export const authModuleDevelopmentUserProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'development-user-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ providers, config, logger }) {
        if (!assertDevelopmentSignInAllowed(config, process.env.NODE_ENV)) {
          return;
        }
        logger.warn(
          `Development sign-in is enabled: anyone reaching this backend can sign in as any catalog user with the ${DEVELOPMENT_USER_HEADER} header. Never enable auth.providers.${DEVELOPMENT_PROVIDER_ID} outside development.`,
        );
        providers.registerProvider({
          providerId: DEVELOPMENT_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: developmentUserAuthenticator,
            profileTransform: catalogUserProfile,
            signInResolver: signInAsCatalogUser,
          }),
        });
      },
    });
  },
});

export default authModuleDevelopmentUserProvider;
