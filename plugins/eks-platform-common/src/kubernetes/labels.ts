/**
 * Syntax of Kubernetes label and taint keys and values, as EKS applies them
 * to the nodes of a managed node group.
 *
 * Kubernetes allows an optional DNS-subdomain prefix ("example.com/") before a
 * name part of at most 63 characters; the EKS node group API additionally
 * caps a whole key at 63 characters, which is the limit enforced here.
 */

const MAX_KEY_LENGTH = 63;
const MAX_VALUE_LENGTH = 63;
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label or taint key is malformed, or undefined when it is fine. */
export function labelKeyProblem(key: string): string | undefined {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    return `must be 1 to ${MAX_KEY_LENGTH} characters`;
  }
  const slash = key.indexOf('/');
  const prefix = slash === -1 ? undefined : key.slice(0, slash);
  const name = slash === -1 ? key : key.slice(slash + 1);
  if (prefix !== undefined && !DNS_SUBDOMAIN.test(prefix)) {
    return `prefix "${prefix}" must be a lowercase DNS subdomain such as example.com`;
  }
  if (!NAME_PART.test(name)) {
    return `name "${name}" must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."`;
  }
  return undefined;
}

/** Label values may be empty for Kubernetes; EKS node group labels require at least one character. */
export function isValidLabelValue(
  value: string,
  options: { allowEmpty: boolean },
): boolean {
  if (value === '') return options.allowEmpty;
  return value.length <= MAX_VALUE_LENGTH && NAME_PART.test(value);
}

/**
 * Nodes register their own labels, and the NodeRestriction admission plugin
 * refuses labels under kubernetes.io and k8s.io except in the node. and
 * kubelet. subdomains: such a node never joins the cluster
 * (e.g. "node-role.kubernetes.io/system" is refused).
 */
export function isLabelKeyReservedForKubernetes(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash === -1) return false;
  const prefix = key.slice(0, slash);
  const inNamespace = (domain: string) =>
    prefix === domain || prefix.endsWith(`.${domain}`);
  const reserved = inNamespace('kubernetes.io') || inNamespace('k8s.io');
  const allowed =
    inNamespace('node.kubernetes.io') || inNamespace('kubelet.kubernetes.io');
  return reserved && !allowed;
}
