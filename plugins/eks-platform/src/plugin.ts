import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { capacityApiRef, CapacityClient } from './api/capacityApi';
import { sloApiRef, SloClient } from './api/sloApi';
import { costApiRef, CostClient } from './api/costApi';
import { deploymentsApiRef, DeploymentsClient } from './api/deploymentsApi';
import { upgradeApiRef, UpgradeClient } from './api/upgradeApi';
import {
  EKS_KUBERNETES_VERSION_PICKER,
  EKS_REGION_ZONES_PICKER,
  EKS_SUBNET_LAYOUT_PICKER,
  EksKubernetesVersionPicker,
  EksKubernetesVersionPickerSchema,
  EksRegionZonesPicker,
  EksRegionZonesPickerSchema,
  EksSubnetLayoutPicker,
  EksSubnetLayoutPickerSchema,
  validateKubernetesVersion,
  validateRegionZones,
  validateSubnetLayout,
} from './components/scaffolder';

/**
 * Where the finance page (`EksCostPage`) is mounted, e.g. `/eks-cost`.
 *
 * @public
 */
export const eksCostPageRouteRef = createRouteRef({ id: 'eks-platform-cost' });

/**
 * The EKS platform frontend plugin (legacy frontend system; see `/alpha` for the new one).
 *
 * @public
 */
export const eksPlatformPlugin = createPlugin({
  id: 'eks-platform',
  apis: [
    createApiFactory({
      api: capacityApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CapacityClient(deps),
    }),
    createApiFactory({
      api: sloApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SloClient(deps),
    }),
    createApiFactory({
      api: costApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CostClient(deps),
    }),
    createApiFactory({
      api: upgradeApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new UpgradeClient(deps),
    }),
    createApiFactory({
      api: deploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DeploymentsClient(deps),
    }),
  ],
  routes: {
    costPage: eksCostPageRouteRef,
  },
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

/**
 * Overview card of a cluster's capacity: requested vs allocatable, first limit hit,
 * estimated price.
 *
 * @public
 */
export const EntityClusterCapacityCard = eksPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityClusterCapacityCard',
    component: {
      lazy: () => import('./components/capacity').then(m => m.EksCapacityCard),
    },
  }),
);

/**
 * Capacity tab of a cluster: per node group bars, table and IP ceiling per zone.
 *
 * @public
 */
export const EntityClusterCapacityContent = eksPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityClusterCapacityContent',
    component: {
      lazy: () =>
        import('./components/capacity').then(m => m.EksCapacityContent),
    },
  }),
);

/**
 * Overview card of an entity's SLO: attainment against the objective, budget left, burn now.
 *
 * @public
 */
export const EntityEksSloCard = eksPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityEksSloCard',
    component: {
      lazy: () => import('./components/slo').then(m => m.EksSloCard),
    },
  }),
);

/**
 * Deployments card for an entity with `argocd/app-selector`: what runs, its health, and
 * the error budget its last deployment burned.
 *
 * @public
 */
export const EntityEksDeploymentsCard = eksPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityEksDeploymentsCard',
    component: {
      lazy: () =>
        import('./components/deployments').then(m => m.EksDeploymentsCard),
    },
  }),
);

/**
 * Deployments tab: each ArgoCD application's history with its SLO cost, sync and
 * rollback (`eks-platform.deployments.sync` / `.rollback`).
 *
 * @public
 */
export const EntityEksDeploymentsContent = eksPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityEksDeploymentsContent',
    component: {
      lazy: () =>
        import('./components/deployments').then(m => m.EksDeploymentsContent),
    },
  }),
);

/**
 * SLO tab: budget burn-down, burn-rate alerts, daily attainment, monthly history, CSV.
 *
 * @public
 */
export const EntityEksSloContent = eksPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityEksSloContent',
    component: {
      lazy: () => import('./components/slo').then(m => m.EksSloContent),
    },
  }),
);

/**
 * Cost tab of a cluster: month to date vs forecast and budget, daily cost by service,
 * months, breakdowns, spot savings, CSV. Needs `eks-platform.cost.read`.
 *
 * @public
 */
export const EntityAwsCostContent = eksPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityAwsCostContent',
    component: {
      lazy: () => import('./components/cost').then(m => m.EksCostContent),
    },
  }),
);

/**
 * Overview card of a cluster's cost: month to date, projected vs budget, change vs last month.
 *
 * @public
 */
export const EntityAwsCostCard = eksPlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityAwsCostCard',
    component: {
      lazy: () => import('./components/cost').then(m => m.EksCostCard),
    },
  }),
);

/**
 * The finance page "Cloud cost": every environment's month against its budget.
 *
 * @public
 */
export const EksCostPage = eksPlatformPlugin.provide(
  createRoutableExtension({
    name: 'EksCostPage',
    component: () => import('./components/cost').then(m => m.EksCostPage),
    mountPoint: eksCostPageRouteRef,
  }),
);

/**
 * Scaffolder field `EksRegionZonesPicker`: region and exactly three of its
 * availability zones, value `{ region, availabilityZones }`. Place it inside
 * `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const EksRegionZonesPickerFieldExtension = eksPlatformPlugin.provide(
  createScaffolderFieldExtension({
    name: EKS_REGION_ZONES_PICKER,
    component: EksRegionZonesPicker,
    validation: validateRegionZones,
    schema: EksRegionZonesPickerSchema.schema,
  }),
);

/**
 * Scaffolder field `EksSubnetLayoutPicker`: VPC and subnet CIDRs with the
 * per-AZ IP capacity, value `{ vpcCidr, publicSubnetCidrs, privateSubnetCidrs }`.
 * Reads `environment`, `location.availabilityZones` and `nodeGroupSizes` from
 * the rest of the form.
 *
 * @public
 */
export const EksSubnetLayoutPickerFieldExtension = eksPlatformPlugin.provide(
  createScaffolderFieldExtension({
    name: EKS_SUBNET_LAYOUT_PICKER,
    component: EksSubnetLayoutPicker,
    validation: validateSubnetLayout,
    schema: EksSubnetLayoutPickerSchema.schema,
  }),
);

/**
 * Scaffolder field `EksKubernetesVersionPicker`: an EKS version in standard
 * support, value a string such as "1.35".
 *
 * @public
 */
export const EksKubernetesVersionPickerFieldExtension =
  eksPlatformPlugin.provide(
    createScaffolderFieldExtension({
      name: EKS_KUBERNETES_VERSION_PICKER,
      component: EksKubernetesVersionPicker,
      validation: validateKubernetesVersion,
      schema: EksKubernetesVersionPickerSchema.schema,
    }),
  );
