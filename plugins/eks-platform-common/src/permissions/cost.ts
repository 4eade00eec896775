import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading AWS cost (a cluster's cost tab and the finance page). The default policy
 * grants it to the finance and platform-team groups only.
 */
export const eksPlatformCostReadPermission = createPermission({
  name: 'eks-platform.cost.read',
  attributes: { action: 'read' },
});

export const eksPlatformPermissions = [eksPlatformCostReadPermission];
