import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { Entity } from '@backstage/catalog-model';
import {
  hasSloAnnotations,
  isKubernetesClusterEntity,
} from '@internal/plugin-eks-platform-common';
import { capacityApiRef, CapacityClient } from './api/capacityApi';
import { sloApiRef, SloClient } from './api/sloApi';
import { costApiRef, CostClient } from './api/costApi';
import { deploymentsApiRef, DeploymentsClient } from './api/deploymentsApi';
import { upgradeApiRef, UpgradeClient } from './api/upgradeApi';
import { CostIcon } from './components/cost/CostIcon';

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

const costApi = ApiBlueprint.make({
  name: 'cost',
  params: defineParams =>
    defineParams({
      api: costApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CostClient(deps),
    }),
});

const costCard = EntityCardBlueprint.make({
  name: 'cost',
  params: {
    filter: isKubernetesClusterEntity,
    loader: () => import('./components/cost').then(m => <m.EksCostCard />),
  },
});

const costContent = EntityContentBlueprint.make({
  name: 'cost',
  params: {
    path: '/cost',
    title: 'Cost',
    filter: isKubernetesClusterEntity,
    loader: () => import('./components/cost').then(m => <m.EksCostContent />),
  },
});

const upgradeApi = ApiBlueprint.make({
  name: 'upgrade',
  params: defineParams =>
    defineParams({
      api: upgradeApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new UpgradeClient(deps),
    }),
});

const deploymentsApi = ApiBlueprint.make({
  name: 'deployments',
  params: defineParams =>
    defineParams({
      api: deploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DeploymentsClient(deps),
    }),
});

/** Clusters and components whose ArgoCD applications the entity names. */
const hasArgoCdApplications = (entity: Entity) =>
  Boolean(entity.metadata.annotations?.['argocd/app-selector']?.trim());

const deploymentsCard = EntityCardBlueprint.make({
  name: 'deployments',
  params: {
    filter: hasArgoCdApplications,
    loader: () =>
      import('./components/deployments').then(m => <m.EksDeploymentsCard />),
  },
});

const deploymentsContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: '/deployments',
    title: 'Deployments',
    filter: hasArgoCdApplications,
    loader: () =>
      import('./components/deployments').then(m => <m.EksDeploymentsContent />),
  },
});

/** The finance page; a route ref puts it in the app's navigation. */
const costPageRouteRef = createRouteRef();

const costPage = PageBlueprint.make({
  name: 'cost',
  params: {
    path: '/eks-cost',
    routeRef: costPageRouteRef,
    title: 'Cloud cost',
    icon: <CostIcon fontSize="small" />,
    loader: () =>
      import('./components/cost').then(m => <m.EksCostPageContent />),
  },
});

/** Scaffolder form fields of the "New EKS environment" template. */
const regionZonesPickerFormField = FormFieldBlueprint.make({
  name: 'region-zones-picker',
  params: {
    field: () =>
      import('./components/scaffolder/formFields').then(
        m => m.eksRegionZonesPickerFormField,
      ),
  },
});

const subnetLayoutPickerFormField = FormFieldBlueprint.make({
  name: 'subnet-layout-picker',
  params: {
    field: () =>
      import('./components/scaffolder/formFields').then(
        m => m.eksSubnetLayoutPickerFormField,
      ),
  },
});

const kubernetesVersionPickerFormField = FormFieldBlueprint.make({
  name: 'kubernetes-version-picker',
  params: {
    field: () =>
      import('./components/scaffolder/formFields').then(
        m => m.eksKubernetesVersionPickerFormField,
      ),
  },
});

/**
 * The EKS platform frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'eks-platform',
  routes: { costPage: costPageRouteRef },
  extensions: [
    eksEnvironmentCard,
    capacityApi,
    capacityCard,
    capacityContent,
    sloApi,
    sloCard,
    sloContent,
    costApi,
    costCard,
    costContent,
    costPage,
    upgradeApi,
    deploymentsApi,
    deploymentsCard,
    deploymentsContent,
    regionZonesPickerFormField,
    subnetLayoutPickerFormField,
    kubernetesVersionPickerFormField,
  ],
});
