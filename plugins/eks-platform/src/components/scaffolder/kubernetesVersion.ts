/**
 * Pure logic of the EksKubernetesVersionPicker field: the versions offered on
 * a day, their labels, the default and the problems that block the Review step.
 */
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  findKubernetesVersion,
  KubernetesSupportPhase,
  kubernetesVersionsSupportedOn,
  supportPhaseOn,
} from '@internal/plugin-eks-platform-common';

export interface KubernetesVersionOption {
  version: string;
  phase: KubernetesSupportPhase;
  endOfStandardSupport: string;
  endOfExtendedSupport: string;
  /** "1.35 — standard support until 2027-03-27, then extended until 2028-03-27" */
  label: string;
}

function labelOf(
  version: string,
  phase: KubernetesSupportPhase,
  endOfStandardSupport: string,
  endOfExtendedSupport: string,
): string {
  if (phase === 'standard') {
    return `${version} — standard support until ${endOfStandardSupport}, then extended until ${endOfExtendedSupport}`;
  }
  if (phase === 'extended') {
    return `${version} — extended support (paid) until ${endOfExtendedSupport}`;
  }
  return `${version} — end of life since ${endOfExtendedSupport}`;
}

/**
 * The versions the actions accept on `today`, newest first. They check against
 * `kubernetesVersionsSupportedOn(today)` (standard support only), so the form
 * offers the same list.
 */
export function kubernetesVersionOptions(
  today: Date,
): KubernetesVersionOption[] {
  return [...kubernetesVersionsSupportedOn(today)]
    .reverse()
    .flatMap(version => {
      const entry = findKubernetesVersion(version);
      const phase = supportPhaseOn(version, today);
      if (!entry || !phase) return [];
      return [
        {
          version,
          phase,
          endOfStandardSupport: entry.endOfStandardSupport,
          endOfExtendedSupport: entry.endOfExtendedSupport,
          label: labelOf(
            version,
            phase,
            entry.endOfStandardSupport,
            entry.endOfExtendedSupport,
          ),
        },
      ];
    });
}

/** The newest version in standard support on `today`, the field's default. */
export function defaultKubernetesVersion(today: Date): string | undefined {
  const options = kubernetesVersionOptions(today);
  return (options.find(option => option.phase === 'standard') ?? options[0])
    ?.version;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const UNSUPPORTED_REASONS: Record<string, string> = {
  extended: ' (it is in paid extended support only)',
  'end-of-life': ' (it is out of all EKS support)',
};

/** Everything wrong with the value on `today`; empty when valid. */
export function kubernetesVersionProblems(
  value: unknown,
  today: Date,
): string[] {
  const supported = kubernetesVersionOptions(today).map(o => o.version);
  const list = supported.join(', ');
  if (supported.length === 0) {
    return [
      `no Kubernetes version is in EKS standard support on ${isoDay(
        today,
      )} according to the platform's version table; it needs updating`,
    ];
  }
  if (typeof value !== 'string' || value === '') {
    return [`choose a Kubernetes version: ${list}`];
  }
  if (!supported.includes(value)) {
    const why = UNSUPPORTED_REASONS[supportPhaseOn(value, today) ?? ''] ?? '';
    return [
      `Kubernetes ${value} is not supported by EKS on ${isoDay(
        today,
      )}${why}; supported versions: ${list}`,
    ];
  }
  return [];
}

/** The field's `validation`, checked against today's list. */
export const validateKubernetesVersion: CustomFieldValidator<string> = (
  value,
  validation,
) => {
  for (const message of kubernetesVersionProblems(value, new Date())) {
    validation.addError(message);
  }
};
