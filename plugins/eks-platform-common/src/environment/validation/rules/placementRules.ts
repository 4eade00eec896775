/** Where the cluster runs: region, availability zones and Kubernetes version. */
import {
  availabilityZonesOf,
  AWS_REGIONS,
  DEFAULT_REGION,
  findRegion,
} from '../../../aws/regions';
import {
  compareKubernetesVersions,
  findKubernetesVersion,
  isKubernetesVersionSyntax,
  supportPhaseOn,
} from '../../../kubernetes/versions';
import type { SpecRule } from '../options';
import { indexPath, problem, ValidationProblem } from '../problems';

/** EKS needs subnets in at least two zones; no commercial region offers more than six. */
export const MIN_AVAILABILITY_ZONES = 2;
export const MAX_AVAILABILITY_ZONES = 6;
/** ADR-0007: production spans three zones, so it survives the loss of one with quorum intact. */
export const PRODUCTION_AVAILABILITY_ZONES = 3;

export const checkRegion: SpecRule = ({ region }) => {
  if (region === undefined || findRegion(region)) return [];
  return [
    problem(
      'region',
      'region-known',
      `region "${region}" is not a supported AWS region; choose one of ${AWS_REGIONS.map(
        r => r.code,
      ).join(', ')} (default ${DEFAULT_REGION}, Paris)`,
    ),
  ];
};

export const checkAvailabilityZones: SpecRule = ({
  region,
  availabilityZones,
  environment,
}) => {
  if (!availabilityZones) return [];
  const problems: ValidationProblem[] = [];
  const regionZones = region ? availabilityZonesOf(region) : [];
  const seen = new Set<string>();

  availabilityZones.forEach((zone, index) => {
    if (zone === undefined) return;
    const path = indexPath('availabilityZones', index);
    if (regionZones.length > 0 && !regionZones.includes(zone)) {
      problems.push(
        problem(
          path,
          'az-in-region',
          `availability zone "${zone}" is not in region ${region}; choose from ${regionZones.join(
            ', ',
          )}`,
        ),
      );
    }
    if (seen.has(zone)) {
      problems.push(
        problem(
          path,
          'az-distinct',
          `availability zone "${zone}" is listed twice`,
        ),
      );
    }
    seen.add(zone);
  });

  const count = availabilityZones.length;
  if (count < MIN_AVAILABILITY_ZONES || count > MAX_AVAILABILITY_ZONES) {
    problems.push(
      problem(
        'availabilityZones',
        'az-count',
        `availabilityZones lists ${count} zones; EKS needs at least ${MIN_AVAILABILITY_ZONES} and no region offers more than ${MAX_AVAILABILITY_ZONES}`,
      ),
    );
  } else if (
    environment === 'production' &&
    count !== PRODUCTION_AVAILABILITY_ZONES
  ) {
    problems.push(
      problem(
        'availabilityZones',
        'az-count-production',
        `production must span exactly ${PRODUCTION_AVAILABILITY_ZONES} availability zones, got ${count}`,
      ),
    );
  }
  return problems;
};

export const checkKubernetesVersion: SpecRule = (
  { kubernetesVersion },
  { supportedKubernetesVersions, today },
) => {
  if (kubernetesVersion === undefined) return [];
  if (!isKubernetesVersionSyntax(kubernetesVersion)) {
    return [
      problem(
        'kubernetesVersion',
        'kubernetes-version-syntax',
        `kubernetesVersion "${kubernetesVersion}" must be major.minor, e.g. 1.35`,
      ),
    ];
  }
  if (
    supportedKubernetesVersions &&
    !supportedKubernetesVersions.includes(kubernetesVersion)
  ) {
    const supported = [...supportedKubernetesVersions].sort(
      compareKubernetesVersions,
    );
    return [
      problem(
        'kubernetesVersion',
        'kubernetes-version-supported',
        `Kubernetes ${kubernetesVersion} is not supported by EKS; supported versions: ${
          supported.join(', ') || 'none reported'
        }`,
      ),
    ];
  }
  if (
    !supportedKubernetesVersions &&
    today &&
    supportPhaseOn(kubernetesVersion, today) === 'end-of-life'
  ) {
    return [
      problem(
        'kubernetesVersion',
        'kubernetes-version-end-of-life',
        `Kubernetes ${kubernetesVersion} is out of all EKS support since ${
          findKubernetesVersion(kubernetesVersion)!.endOfExtendedSupport
        }`,
      ),
    ];
  }
  return [];
};
