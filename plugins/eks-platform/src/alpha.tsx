import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isKubernetesClusterEntity } from '@internal/plugin-eks-platform-common';
import { capacityApiRef, CapacityClient } from './api/capacityApi';

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

const capacityApi = ApiBlueprint.make({
  name: 'capacity',
  params: defineParams =>
    defineParams({
      api: capacityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CapacityClient(deps),
    }),
});

const capacityCard = EntityCardBlueprint.make({
  name: 'capacity',
  params: {
    filter: isKubernetesClusterEntity,
    loader: () =>
      import('./components/capacity').then(m => <m.EksCapacityCard />),
  },
});

const capacityContent = EntityContentBlueprint.make({
  name: 'capacity',
  params: {
    path: '/capacity',
    title: 'Capacity',
    filter: isKubernetesClusterEntity,
    loader: () =>
      import('./components/capacity').then(m => <m.EksCapacityContent />),
  },
});

/**
 * The EKS platform frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'eks-platform',
  extensions: [eksEnvironmentCard, capacityApi, capacityCard, capacityContent],
});
