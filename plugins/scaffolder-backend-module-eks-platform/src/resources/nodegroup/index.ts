/** The handlers of the node group step's resource kinds, for the engine. */
import type { ResourceHandlers } from '../../engine/types';
import type { EksEc2Clients } from '../cluster/clusterResources';
import { eksAddon } from '../cluster/eksAddon';
import { eksNodegroup } from './eksNodegroup';
import { launchTemplate } from './launchTemplate';

export const NODEGROUP_HANDLERS: ResourceHandlers<EksEc2Clients> = {
  'launch-template': launchTemplate,
  'eks-nodegroup': eksNodegroup,
  'eks-addon': eksAddon,
};

export { describeFailure } from './eksNodegroup';
