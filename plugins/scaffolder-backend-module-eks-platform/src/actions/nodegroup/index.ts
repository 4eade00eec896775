export {
  createNodegroupsCreateAction,
  CREATE_NODEGROUPS_ACTION_ID,
  NodegroupCreateError,
} from './createNodegroups';
export type {
  CreateNodegroupsActionOptions,
  NodegroupOutput,
} from './createNodegroups';
export { deleteNodegroups, NodegroupDeletionError } from './deleteNodegroups';
export type {
  DeleteNodegroupsOptions,
  DeletedNodegroupResource,
} from './deleteNodegroups';
export {
  createScaleNodegroupsAction,
  SCALE_NODEGROUPS_ACTION_ID,
} from './scaleNodegroups';
export type { ScaleNodegroupsActionOptions } from './scaleNodegroups';
