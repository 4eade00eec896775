/**
 * What ArgoCD hands Helm for an application: its first source's chart (or repository
 * path), the release name (the application's name unless `helm.releaseName` sets one), the
 * namespace it installs into, and the inline values (`helm.valuesObject`).
 */
import {
  Application,
  ApplicationSource,
  sourcesOf,
} from '../services/argocd/argoCdStore';

export interface HelmRelease {
  source?: ApplicationSource;
  chart?: string;
  releaseName: string;
  namespace: string;
  values: Record<string, any>;
}

export function helmReleaseOf(app: Application): HelmRelease {
  const [source] = sourcesOf(app);
  const helm = (source?.helm ?? {}) as {
    releaseName?: string;
    valuesObject?: Record<string, any>;
  };
  return {
    source,
    chart: source?.chart,
    releaseName: helm.releaseName ?? app.metadata.name,
    namespace: app.spec.destination.namespace ?? 'default',
    values: helm.valuesObject ?? {},
  };
}
