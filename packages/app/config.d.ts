export interface Config {
  app?: {
    /**
     * Development only: the sign-in page's "Sign in as a catalog user
     * (development)" card, which signs in through the backend's
     * `development` auth provider (auth.providers.development). Only
     * app-config.development.yaml sets it, next to that provider; production
     * leaves it unset and configures a real sign-in provider.
     */
    developmentSignIn?: {
      /**
       * Demo personas offered as one-click buttons.
       */
      users?: Array<{
        /**
         * The catalog User entity name, e.g. `emma.bernard`.
         * @visibility frontend
         */
        name: string;
        /**
         * The button's label, e.g. `Emma Bernard`.
         * @visibility frontend
         */
        title?: string;
        /**
         * The persona's group, shown after the label, e.g. `finance`.
         * @visibility frontend
         */
        group?: string;
      }>;
      /**
       * Shows the card even without personas (a user-name field only).
       * @visibility frontend
       */
      enabled?: boolean;
    };
  };
}
