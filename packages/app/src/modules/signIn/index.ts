import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/**
 * Replaces the app's default (guest-only) sign-in page with one that also signs in
 * as a catalog user in development (see DevelopmentSignInPage).
 */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      import('./DevelopmentSignInPage').then(m => m.DevelopmentSignInPage),
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
