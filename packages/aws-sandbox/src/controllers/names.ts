import { shortHash } from '../core/shortHash';

/**
 * The AWS Load Balancer Controller's names: `k8s-` + namespace and name cut to 8
 * characters each (non-alphanumerics dropped) + a 10-digit hash, within ELB's 32.
 */
export function controllerName(
  namespace: string,
  name: string,
  ...salt: string[]
): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9]/g, '').slice(0, 8);
  return `k8s-${clean(namespace)}-${clean(name)}-${shortHash(
    10,
    namespace,
    name,
    ...salt,
  )}`;
}
