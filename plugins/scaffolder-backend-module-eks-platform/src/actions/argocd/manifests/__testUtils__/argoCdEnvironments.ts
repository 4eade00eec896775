import {
  clusterName,
  presetFor,
  type EnvironmentName,
} from '@internal/plugin-eks-platform-common';
import type { ArgoCdEnvironment } from '../renderManifests';

/** A base64 PEM as DescribeCluster returns it (content irrelevant to the renderer). */
export const CERTIFICATE_AUTHORITY = Buffer.from(
  '-----BEGIN CERTIFICATE-----\nMIIC/jCCAeagAwIBAgIBADANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDEwprdWJl\n-----END CERTIFICATE-----\n',
).toString('base64');

/** The renderer's input for a preset environment, as the register action builds it. */
export function argoCdEnvironmentFor(
  environment: EnvironmentName,
  overrides: Partial<ArgoCdEnvironment> = {},
): ArgoCdEnvironment {
  const spec = presetFor(environment);
  return {
    spec,
    clusterName: clusterName(spec),
    clusterEndpoint: `https://0123456789ABCDEF0123456789ABCDEF.gr7.${spec.region}.eks.amazonaws.com`,
    clusterCertificateAuthority: CERTIFICATE_AUTHORITY,
    vpcId: 'vpc-0a1b2c3d4e5f60718',
    argocdRoleArn: `arn:aws:iam::${spec.account}:role/argocd-${spec.name}`,
    repoUrl: spec.gitops.repoUrl,
    targetRevision: spec.gitops.branch,
    path: spec.gitops.path,
    syncPolicy: {
      automated: true,
      prune: environment !== 'production',
      selfHeal: true,
    },
    ...overrides,
  };
}
