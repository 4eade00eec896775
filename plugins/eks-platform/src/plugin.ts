import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';

/**
 * The EKS platform frontend plugin (legacy frontend system; see `/alpha` for the new one).
 *
 * @public
 */
export const eksPlatformPlugin = createPlugin({
  id: 'eks-platform',
});

/**
 * Card for a `kubernetes-cluster` resource: environment, account, region and
 * Kubernetes support phase.
 *
 * @public
 */
export const EntityEksEnvironmentCard = eksPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityEksEnvironmentCard',
    component: {
      lazy: () =>
        import('./components/EksEnvironmentCard').then(
          m => m.EksEnvironmentCard,
        ),
    },
  }),
);
