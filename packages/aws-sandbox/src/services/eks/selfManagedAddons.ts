/**
 * The add-ons CreateCluster installs unmanaged unless `bootstrapSelfManagedAddons` is false
 * (EKS API reference, CreateCluster), and what CreateAddon makes of them.
 *
 * Taking one over with `resolveConflicts` NONE (the default) while changing its
 * configuration ends CREATE_FAILED with a ConfigurationConflict health issue; the wording
 * and the conflicting fields are those AWS's knowledge-centre article and users' reports
 * quote ("Conflicts found when trying to apply. Will not continue due to resolve conflicts
 * mode. Conflicts: DaemonSet.apps aws-node - …"). OVERWRITE and PRESERVE take it over.
 */
import type { CreateAddonRequest } from '@aws-sdk/client-eks';
import type { StoredAddon, StoredCluster } from './eksStore';

export const SELF_MANAGED_ADDONS = ['vpc-cni', 'kube-proxy', 'coredns'];

/** The field of the unmanaged copy that managed configuration values would change. */
const CONFLICTING_FIELD: Record<string, string> = {
  'vpc-cni':
    'DaemonSet.apps aws-node - .spec.template.spec.containers[name="aws-node"].env',
  'kube-proxy':
    'DaemonSet.apps kube-proxy - .spec.template.spec.containers[name="kube-proxy"].command',
  coredns:
    'Deployment.apps coredns - .spec.template.spec.containers[name="coredns"].args',
};

/** Why creating this add-on will fail on this cluster, if it will. */
export function takeOverFailure(
  cluster: StoredCluster,
  input: CreateAddonRequest & { addonName: string },
): StoredAddon['failure'] {
  const unmanaged = cluster.selfManagedAddons.has(input.addonName);
  const overrides = (input.resolveConflicts ?? 'NONE') === 'NONE';
  if (!unmanaged || !overrides || !input.configurationValues) return undefined;
  return {
    code: 'ConfigurationConflict',
    message: `Conflicts found when trying to apply. Will not continue due to resolve conflicts mode. Conflicts:\n${
      CONFLICTING_FIELD[input.addonName]
    }`,
  };
}
