/** The Application of one platform component: its chart, values, sync policy and namespace. */
import type { EnvironmentSpec } from '@internal/plugin-eks-platform-common';
import {
  API_VERSION,
  applicationName,
  COMPONENT_LABEL,
  RESOURCES_FINALIZER,
  RETRY,
  SYNC_WAVE_ANNOTATION,
} from './argoCdNames';
import type { PlatformComponent } from './platformComponents';
import type { ArgoCdEnvironment } from './renderManifests';

export interface Settings {
  spec: EnvironmentSpec;
  labels: Record<string, string>;
  argocdNamespace: string;
  server: string;
  repoUrl: string;
  targetRevision: string;
  syncPolicy: ArgoCdEnvironment['syncPolicy'];
}

export function automatedOf(policy: ArgoCdEnvironment['syncPolicy']) {
  return policy.automated
    ? { automated: { prune: policy.prune, selfHeal: policy.selfHeal } }
    : {};
}

function podSecurityLabels(
  component: PlatformComponent,
): Record<string, string> | undefined {
  const level = component.podSecurity;
  if (!level) return undefined;
  return {
    'pod-security.kubernetes.io/enforce': level,
    // Shows what a stricter level would refuse without refusing it.
    ...(level === 'baseline'
      ? { 'pod-security.kubernetes.io/warn': 'restricted' }
      : {}),
  };
}

export function componentApplication(
  component: PlatformComponent,
  settings: Settings,
  values: Record<string, unknown>,
): Record<string, any> {
  const { spec, syncPolicy } = settings;
  const { source } = component;
  const ignoreDifferences = component.ignoreDifferences ?? [];
  const syncOptions = [
    'CreateNamespace=true',
    ...(component.serverSideApply ? ['ServerSideApply=true'] : []),
    ...(ignoreDifferences.length > 0 ? ['RespectIgnoreDifferences=true'] : []),
  ];
  const namespaceLabels = podSecurityLabels(component);
  return {
    apiVersion: API_VERSION,
    kind: 'Application',
    metadata: {
      name: applicationName(spec, component.id),
      namespace: settings.argocdNamespace,
      labels: { ...settings.labels, [COMPONENT_LABEL]: component.id },
      annotations: { [SYNC_WAVE_ANNOTATION]: String(component.syncWave) },
      finalizers: [RESOURCES_FINALIZER],
    },
    spec: {
      project: spec.name,
      source:
        source.type === 'helm'
          ? {
              repoURL: source.repoUrl,
              chart: source.chart,
              targetRevision: source.version,
              helm: {
                releaseName: component.releaseName,
                valuesObject: values,
              },
            }
          : {
              repoURL: settings.repoUrl,
              path: source.path,
              targetRevision: settings.targetRevision,
              helm: {
                releaseName: component.releaseName,
                valueFiles: source.valueFiles(spec.environment),
                valuesObject: values,
              },
            },
      destination: { server: settings.server, namespace: component.namespace },
      syncPolicy: {
        ...automatedOf(syncPolicy),
        syncOptions,
        ...(namespaceLabels
          ? { managedNamespaceMetadata: { labels: namespaceLabels } }
          : {}),
        retry: RETRY,
      },
      ...(ignoreDifferences.length > 0 ? { ignoreDifferences } : {}),
    },
  };
}
