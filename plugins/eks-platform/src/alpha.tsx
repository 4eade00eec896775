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
import { Entity } from '@backstage/catalog-model';
import {
  hasSloAnnotations,
  isKubernetesClusterEntity,
} from '@internal/plugin-eks-platform-common';
import { capacityApiRef, CapacityClient } from './api/capacityApi';
import { sloApiRef, SloClient } from './api/sloApi';

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

const sloApi = ApiBlueprint.make({
  name: 'slo',
  params: defineParams =>
    defineParams({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SloClient(deps),
    }),
});

/** Clusters always show the SLO card (saying when none is defined); others when annotated. */
const hasSloView = (entity: Entity) =>
  isKubernetesClusterEntity(entity) || hasSloAnnotations(entity);

const sloCard = EntityCardBlueprint.make({
  name: 'slo',
  params: {
    filter: hasSloView,
    loader: () => import('./components/slo').then(m => <m.EksSloCard />),
  },
});

const sloContent = EntityContentBlueprint.make({
  name: 'slo',
  params: {
    path: '/slo',
    title: 'SLO',
    filter: hasSloView,
    loader: () => import('./components/slo').then(m => <m.EksSloContent />),
  },
});

/**
 * The EKS platform frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'eks-platform',
  extensions: [
    eksEnvironmentCard,
    capacityApi,
    capacityCard,
    capacityContent,
    sloApi,
    sloCard,
    sloContent,
  ],
});
