export {
  createArgoCdRegisterAction,
  REGISTER_ARGOCD_ACTION_ID,
} from './registerArgoCd';
export type { RegisterArgoCdActionOptions } from './registerArgoCd';
export {
  createArgoCdDestroyAction,
  DESTROY_ARGOCD_ACTION_ID,
} from './destroyArgoCd';
export { readArgoCdInstances } from '@internal/plugin-eks-platform-node';
export type { ConfiguredArgoCdInstance } from '@internal/plugin-eks-platform-node';
