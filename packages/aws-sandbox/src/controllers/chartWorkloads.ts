/**
 * What the charts the sandbox knows render in a cluster, as far as AWS sees it: the
 * Ingresses and PersistentVolumeClaims an ArgoCD application creates once synced. The
 * sandbox cannot render Helm charts; this is its record of a few, from their documented
 * values:
 * - `kube-prometheus-stack`: one claim per Prometheus replica when
 *   `prometheus.prometheusSpec.storageSpec.volumeClaimTemplate` asks for storage (the
 *   operator names them `prometheus-<name>-db-prometheus-<name>-<ordinal>`); none otherwise
 *   (an emptyDir).
 * - the DPJ chart of the bank's GitOps repository (`charts/dpj`): its value files enable an
 *   `alb` Ingress for the release, unless `ingress.enabled` is false.
 * Any other application makes nothing in AWS.
 */
import type { Application } from '../services/argocd/argoCdStore';
import type { ClusterWorkloads } from './clusterWorkloads';
import { helmReleaseOf } from './helmRelease';

/** "50Gi" → 50; "500Mi" → 1 (EBS's smallest volume is 1 GiB). */
function gibibytes(quantity: string): number | undefined {
  const match = /^(\d+)(Gi|Ti|Mi)?$/.exec(quantity.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  if (match[2] === 'Ti') return value * 1024;
  if (match[2] === 'Mi') return Math.max(1, Math.ceil(value / 1024));
  return value;
}

export function workloadsOf(app: Application): ClusterWorkloads {
  const {
    source,
    releaseName: release,
    namespace,
    values,
  } = helmReleaseOf(app);
  const none: ClusterWorkloads = { ingresses: [], volumeClaims: [] };

  if (source?.chart === 'kube-prometheus-stack') {
    const spec = values.prometheus?.prometheusSpec ?? {};
    const requested =
      spec.storageSpec?.volumeClaimTemplate?.spec?.resources?.requests?.storage;
    const sizeGiB =
      typeof requested === 'string' ? gibibytes(requested) : undefined;
    if (!sizeGiB) return none;
    const name = `${release}-prometheus`.slice(0, 50);
    const replicas = Number(spec.replicas ?? 1);
    const storageClassName =
      spec.storageSpec.volumeClaimTemplate.spec.storageClassName;
    return {
      ingresses: [],
      volumeClaims: Array.from({ length: replicas }, (_, ordinal) => ({
        namespace,
        name: `prometheus-${name}-db-prometheus-${name}-${ordinal}`,
        sizeGiB,
        ...(storageClassName ? { storageClassName } : {}),
      })),
    };
  }
  if (source?.path === 'charts/dpj' && values.ingress?.enabled !== false) {
    return {
      ingresses: [
        {
          namespace,
          name: release,
          scheme: 'internet-facing',
          serviceName: release,
          servicePort: 80,
        },
      ],
      volumeClaims: [],
    };
  }
  return none;
}
