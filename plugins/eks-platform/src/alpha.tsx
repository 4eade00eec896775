import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isKubernetesClusterEntity } from '@internal/plugin-eks-platform-common';

/** The EKS environment card on every kubernetes-cluster resource page. */
const eksEnvironmentCard = EntityCardBlueprint.make({
  name: 'environment',
  params: {
    type: 'info',
    filter: isKubernetesClusterEntity,
    loader: () =>
      import('./components/EksEnvironmentCard').then(m => (
        <m.EksEnvironmentCard />
      )),
  },
});

/**
 * The EKS platform frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'eks-platform',
  extensions: [eksEnvironmentCard],
});
