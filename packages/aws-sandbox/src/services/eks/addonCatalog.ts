import { AddonInfo, AddonVersionInfo } from '@aws-sdk/client-eks';
import { versionsReleasedBy } from './versionCalendar';
import { minorOf } from './versionUpdate';

/**
 * The EKS add-ons an environment installs, with plausible versions. Each version lists the
 * Kubernetes versions it runs on; the newest one compatible with a cluster version is that
 * version's default, as DescribeAddonVersions marks it.
 */
interface CatalogAddon {
  name: string;
  type: string;
  requiresIamPermissions: boolean;
  /** Version → the Kubernetes minor versions (1.x) it supports, oldest version first. */
  versions: [string, number[]][];
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Minors the catalog has builds for. The newest build of each add-on also runs on the
 * versions the sandbox's calendar releases after the published ones, as AWS ships add-on
 * builds with each new EKS version.
 */
const NEWEST_MINOR = 45;
const ALL_MINORS = range(29, NEWEST_MINOR);

/** kube-proxy follows the Kubernetes version: two builds per minor. */
function kubeProxyVersions(): [string, number[]][] {
  return ALL_MINORS.flatMap(minor => [
    [`v1.${minor}.0-eksbuild.2`, [minor]],
    [`v1.${minor}.3-eksbuild.5`, [minor]],
  ]);
}

const CATALOG: CatalogAddon[] = [
  {
    name: 'vpc-cni',
    type: 'networking',
    requiresIamPermissions: true,
    versions: [
      ['v1.19.6-eksbuild.7', range(29, 33)],
      ['v1.20.4-eksbuild.2', range(29, 35)],
      ['v1.20.5-eksbuild.1', ALL_MINORS],
    ],
  },
  {
    name: 'kube-proxy',
    type: 'networking',
    requiresIamPermissions: false,
    versions: kubeProxyVersions(),
  },
  {
    name: 'coredns',
    type: 'networking',
    requiresIamPermissions: false,
    versions: [
      ['v1.11.4-eksbuild.22', range(29, 33)],
      ['v1.12.2-eksbuild.4', range(32, 35)],
      ['v1.12.4-eksbuild.1', range(33, NEWEST_MINOR)],
    ],
  },
  {
    name: 'eks-pod-identity-agent',
    type: 'security',
    requiresIamPermissions: false,
    versions: [
      ['v1.3.8-eksbuild.2', ALL_MINORS],
      ['v1.3.9-eksbuild.3', ALL_MINORS],
    ],
  },
  {
    name: 'aws-ebs-csi-driver',
    type: 'storage',
    requiresIamPermissions: true,
    versions: [
      ['v1.50.1-eksbuild.1', ALL_MINORS],
      ['v1.51.1-eksbuild.1', ALL_MINORS],
      ['v1.52.1-eksbuild.1', range(30, NEWEST_MINOR)],
    ],
  },
  {
    name: 'aws-efs-csi-driver',
    type: 'storage',
    requiresIamPermissions: true,
    versions: [
      ['v2.1.12-eksbuild.1', ALL_MINORS],
      ['v2.1.14-eksbuild.1', ALL_MINORS],
    ],
  },
  {
    // A community add-on: AWS packages the kubernetes-sigs release.
    name: 'metrics-server',
    type: 'observability',
    requiresIamPermissions: false,
    versions: [
      ['v0.7.2-eksbuild.3', ALL_MINORS],
      ['v0.8.0-eksbuild.2', range(31, NEWEST_MINOR)],
    ],
  },
];

function versionInfo(
  addon: CatalogAddon,
  [version, minors]: [string, number[]],
  releasedVersions: string[],
): AddonVersionInfo {
  const compatibilities = releasedVersions
    .filter(cv => minors.includes(minorOf(cv)))
    .map(clusterVersion => ({
      clusterVersion,
      platformVersions: ['*'],
      // The newest version supporting this cluster version is its default.
      defaultVersion:
        defaultAddonVersion(addon.name, clusterVersion) === version,
    }));
  return {
    addonVersion: version,
    architecture: ['amd64', 'arm64'],
    computeTypes: ['ec2', 'hybrid'],
    compatibilities,
    requiresConfiguration: false,
    requiresIamPermissions: addon.requiresIamPermissions,
  };
}

function findCatalogAddon(name: string): CatalogAddon | undefined {
  return CATALOG.find(addon => addon.name === name);
}

export function isKnownAddon(name: string): boolean {
  return findCatalogAddon(name) !== undefined;
}

/** Versions of `name` that run on `clusterVersion`, oldest first. */
export function addonVersionsFor(
  name: string,
  clusterVersion: string,
): string[] {
  const addon = findCatalogAddon(name);
  if (!addon) return [];
  return addon.versions
    .filter(([, minors]) => minors.includes(minorOf(clusterVersion)))
    .map(([version]) => version);
}

export function defaultAddonVersion(
  name: string,
  clusterVersion: string,
): string | undefined {
  return addonVersionsFor(name, clusterVersion).pop();
}

/**
 * The catalog as DescribeAddonVersions returns it on `day`, optionally for one cluster
 * version; compatibilities name only the versions released by then.
 */
export function addonInfos(day: Date, clusterVersion?: string): AddonInfo[] {
  const released = versionsReleasedBy(day).map(v => v.version);
  return CATALOG.map(addon => ({
    addonName: addon.name,
    type: addon.type,
    publisher: 'eks',
    owner: 'aws',
    defaultNamespace: 'kube-system',
    addonVersions: addon.versions
      .filter(
        ([, minors]) =>
          !clusterVersion || minors.includes(minorOf(clusterVersion)),
      )
      .map(entry => versionInfo(addon, entry, released))
      // EKS lists the newest version first.
      .reverse(),
  }));
}

export const EKS_ADDON_NAMES = CATALOG.map(addon => addon.name);
