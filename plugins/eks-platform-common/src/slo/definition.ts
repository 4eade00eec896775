/**
 * SLO definitions read from entity annotations, in OpenSLO's vocabulary: an objective
 * (target), a ratio SLI (good or bad events over total events, budgeting method
 * "Occurrences") or a time-based SLI (a 0/1 gauge such as `probe_success`, budgeting
 * method "Timeslices"). Every report covers the rolling 30-day window and the calendar
 * month.
 */
import { Entity } from '@backstage/catalog-model';
import { parseSeriesSelector, SeriesSelector } from './selector';

export const SLO_ANNOTATIONS = {
  name: 'eks-platform/slo-name',
  objective: 'eks-platform/slo-objective',
  good: 'eks-platform/slo-good',
  bad: 'eks-platform/slo-bad',
  total: 'eks-platform/slo-total',
  uptime: 'eks-platform/slo-uptime',
} as const;

/** ADR-0007's availability target, in percent. */
export const DEFAULT_SLO_OBJECTIVE_PERCENT = 99.9;

export type RatioSli =
  | { kind: 'ratio'; good: SeriesSelector; total: SeriesSelector }
  | { kind: 'ratio'; bad: SeriesSelector; total: SeriesSelector };

export interface TimeSli {
  kind: 'time';
  /** A gauge that is 1 when the service is up and 0 when it is down. */
  uptime: SeriesSelector;
}

export type Sli = RatioSli | TimeSli;

export interface SloDefinition {
  name: string;
  objectivePercent: number;
  sli: Sli;
}

export interface SloDefinitionProblem {
  /** The annotation at fault. */
  field: string;
  message: string;
}

export type SloDefinitionResult =
  | { status: 'absent' }
  | { status: 'valid'; definition: SloDefinition }
  | { status: 'invalid'; problems: SloDefinitionProblem[] };

/** True when the entity declares an SLO at all (valid or not). */
export function hasSloAnnotations(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Object.values(SLO_ANNOTATIONS).some(key => key in annotations);
}

/** Reads and validates the SLO annotations; never throws on untrusted input. */
export function readSloDefinition(entity: Entity): SloDefinitionResult {
  if (!hasSloAnnotations(entity)) return { status: 'absent' };
  const annotations = entity.metadata.annotations ?? {};
  const problems: SloDefinitionProblem[] = [];

  const selector = (field: string): SeriesSelector | undefined => {
    const text = annotations[field];
    if (text === undefined) return undefined;
    const parsed = parseSeriesSelector(text);
    if (!parsed.ok) {
      problems.push({ field, message: `${field} ${parsed.message}` });
      return undefined;
    }
    return parsed.selector;
  };

  let objectivePercent = DEFAULT_SLO_OBJECTIVE_PERCENT;
  const objectiveText = annotations[SLO_ANNOTATIONS.objective];
  if (objectiveText !== undefined) {
    const value = Number(objectiveText.trim().replace(/%$/, ''));
    if (
      objectiveText.trim() === '' ||
      !Number.isFinite(value) ||
      value <= 0 ||
      value >= 100
    ) {
      problems.push({
        field: SLO_ANNOTATIONS.objective,
        message: `${SLO_ANNOTATIONS.objective} must be a percentage strictly between 0 and 100 (e.g. 99.9), got "${objectiveText}"`,
      });
    } else {
      objectivePercent = value;
    }
  }

  const name = annotations[SLO_ANNOTATIONS.name]?.trim() || 'Availability';
  const good = selector(SLO_ANNOTATIONS.good);
  const bad = selector(SLO_ANNOTATIONS.bad);
  const total = selector(SLO_ANNOTATIONS.total);
  const uptime = selector(SLO_ANNOTATIONS.uptime);
  const has = (key: string) => annotations[key] !== undefined;
  const ratioKeys = [
    SLO_ANNOTATIONS.good,
    SLO_ANNOTATIONS.bad,
    SLO_ANNOTATIONS.total,
  ];

  let sli: Sli | undefined;
  if (has(SLO_ANNOTATIONS.uptime) && ratioKeys.some(has)) {
    problems.push({
      field: SLO_ANNOTATIONS.uptime,
      message: `${
        SLO_ANNOTATIONS.uptime
      } (time-based SLI) cannot be combined with ${ratioKeys
        .filter(has)
        .join(', ')} (ratio SLI)`,
    });
  } else if (has(SLO_ANNOTATIONS.uptime)) {
    if (uptime) sli = { kind: 'time', uptime };
  } else if (!has(SLO_ANNOTATIONS.total)) {
    problems.push({
      field: SLO_ANNOTATIONS.total,
      message: `${SLO_ANNOTATIONS.total} is required for a ratio SLI (or give ${SLO_ANNOTATIONS.uptime} for a time-based SLI)`,
    });
  } else if (has(SLO_ANNOTATIONS.good) === has(SLO_ANNOTATIONS.bad)) {
    problems.push({
      field: SLO_ANNOTATIONS.good,
      message: `a ratio SLI needs exactly one of ${SLO_ANNOTATIONS.good} and ${SLO_ANNOTATIONS.bad}`,
    });
  } else if (total && good) {
    sli = { kind: 'ratio', good, total };
  } else if (total && bad) {
    sli = { kind: 'ratio', bad, total };
  }

  if (problems.length > 0 || !sli) {
    return { status: 'invalid', problems };
  }
  return { status: 'valid', definition: { name, objectivePercent, sli } };
}
