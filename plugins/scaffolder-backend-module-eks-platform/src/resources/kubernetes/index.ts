/** The handlers of what the cluster made in AWS, for destroy. */
import type { ResourceHandlers } from '../../engine/types';
import type { KubernetesMadeClients } from './kubernetesResources';
import { k8sLoadBalancer, k8sTargetGroup } from './loadBalancing';
import {
  eksClusterSecurityGroup,
  k8sSecurityGroup,
  k8sVolume,
} from './securityGroupsAndVolumes';

export const KUBERNETES_MADE_HANDLERS: ResourceHandlers<KubernetesMadeClients> =
  {
    'k8s-load-balancer': k8sLoadBalancer,
    'k8s-target-group': k8sTargetGroup,
    'k8s-security-group': k8sSecurityGroup,
    'eks-cluster-security-group': eksClusterSecurityGroup,
    'k8s-volume': k8sVolume,
  };

export type { KubernetesMadeClients } from './kubernetesResources';
