/**
 * Pure logic of the EksKubernetesVersionPicker field: the versions offered, their labels,
 * the default and the problems, from the list EKS reports for the chosen account and
 * Region (the backend's `GET /kubernetes-versions`), the same list the cluster action
 * checks against. The published calendar is only the fallback when EKS cannot be asked.
 */
import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  creatableVersionProblem,
  creatableVersions,
  defaultCreatableVersion,
  EksVersionInfo,
  EksVersionList,
  findKubernetesVersion,
  isKubernetesVersionSyntax,
  supportPhaseOn,
} from '@internal/plugin-eks-platform-common';

export interface KubernetesVersionOption {
  version: string;
  /** "1.35 — standard support until 2027-03-27, then extended until 2028-03-27" */
  label: string;
}

function labelOf(v: EksVersionInfo): string {
  const dates = v.endOfStandardSupport
    ? ` until ${v.endOfStandardSupport}${
        v.endOfExtendedSupport
          ? `, then extended until ${v.endOfExtendedSupport}`
          : ''
      }`
    : '';
  return `${v.version} — standard support${dates}${
    v.isDefault ? ' (EKS default)' : ''
  }`;
}

/** The versions a new cluster may have (standard support), newest first. */
export function kubernetesVersionOptions(
  list: EksVersionList,
): KubernetesVersionOption[] {
  const allowed = creatableVersions(list);
  return list.versions
    .filter(v => allowed.includes(v.version))
    .map(v => ({ version: v.version, label: labelOf(v) }));
}

/** EKS's default in standard support, else the newest such version: the field's default. */
export function defaultKubernetesVersion(
  list: EksVersionList,
): string | undefined {
  return defaultCreatableVersion(list);
}

/** Everything wrong with the value against the list; empty when valid. */
export function kubernetesVersionProblems(
  value: unknown,
  list: EksVersionList,
): string[] {
  const allowed = creatableVersions(list);
  if (allowed.length === 0) {
    return [
      list.source === 'eks'
        ? 'EKS lists no Kubernetes version in standard support'
        : "no Kubernetes version is in EKS standard support according to the platform's version table; it needs updating",
    ];
  }
  if (typeof value !== 'string' || value === '') {
    return [`choose a Kubernetes version: ${allowed.join(', ')}`];
  }
  const problem = creatableVersionProblem(value, list);
  return problem ? [problem] : [];
}

/**
 * The field's `validation` at the Review step: what holds without asking EKS (the
 * syntax, and that a version past its end of extended support never comes back). The
 * field shows EKS's list, and the cluster action checks the value against it again.
 */
export const validateKubernetesVersion: CustomFieldValidator<string> = (
  value,
  validation,
) => {
  if (typeof value !== 'string' || !isKubernetesVersionSyntax(value)) {
    validation.addError('choose a Kubernetes version, e.g. 1.35');
    return;
  }
  if (supportPhaseOn(value, new Date()) === 'end-of-life') {
    validation.addError(
      `Kubernetes ${value} is out of all EKS support since ${
        findKubernetesVersion(value)!.endOfExtendedSupport
      }`,
    );
  }
};
