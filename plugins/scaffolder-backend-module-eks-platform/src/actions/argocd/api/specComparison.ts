/**
 * Deciding whether what ArgoCD holds already is what we would write, so that an upsert
 * of an unchanged object makes no write at all.
 *
 * ArgoCD stores objects through Go structs, so what it answers differs from what it was
 * sent in ways that mean nothing: empty strings, `false`, empty lists and empty blocks
 * are dropped (omitempty), `tlsClientConfig.insecure: false` is added, a sync policy
 * without anything in it disappears, `project` defaults to `default`. Both sides are
 * normalized the same way before they are compared, and only the fields the caller set
 * are compared: what others added (labels, a project role…) is left alone.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = Record<string, any>;

/** Pointer structs whose empty value means something (`automated: {}` turns auto-sync on). */
const MEANINGFUL_WHEN_EMPTY = new Set([
  'automated',
  'retry',
  'managedNamespaceMetadata',
]);

/** `*bool` fields, where `false` differs from absent (automated.enabled: false disables auto-sync). */
const MEANINGFUL_WHEN_FALSE = new Set(['enabled']);

/** Raw JSON kept as given (helm valuesObject): user data, not Go fields. */
const VERBATIM = new Set(['valuesObject']);

/**
 * The value as ArgoCD would answer it back, or undefined where it would leave it out:
 * absent, null, '', false, [] and {} (but for the exceptions above) are dropped,
 * recursively. Numbers are kept as they are, 0 included.
 */
export function goNormalize(value: unknown, key?: string): Json | undefined {
  if (value === undefined || value === null) return undefined;
  if (key !== undefined && VERBATIM.has(key)) {
    return JSON.parse(JSON.stringify(value));
  }
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'boolean') {
    return value || (key !== undefined && MEANINGFUL_WHEN_FALSE.has(key))
      ? value
      : undefined;
  }
  if (typeof value === 'number') return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    // Go never omits list items: only what is inside objects and lists is normalized.
    return value.map(item => {
      if (item === null || item === undefined) return null;
      if (typeof item !== 'object') return item as Json;
      return goNormalize(item) ?? (Array.isArray(item) ? [] : {});
    });
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as JsonObject)
      .map(([k, v]) => [k, goNormalize(v, k)] as const)
      .filter(([, v]) => v !== undefined);
    if (entries.length === 0) {
      return key !== undefined && MEANINGFUL_WHEN_EMPTY.has(key)
        ? {}
        : undefined;
    }
    return Object.fromEntries(entries) as Json;
  }
  return undefined;
}

/**
 * JSON with object keys sorted, so that equal values give equal text whatever their key
 * order, and whatever realm (vm context, structuredClone) built their objects and arrays:
 * a prototype-aware deep equality would tell those apart.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) =>
    item && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map(k => [k, item[k]]),
        )
      : item,
  );
}

export function sameNormalized(
  desired: unknown,
  current: unknown,
  key?: string,
): boolean {
  return (
    canonicalJson(goNormalize(desired, key)) ===
    canonicalJson(goNormalize(current, key))
  );
}

/** Keys of `desired` the caller owns; `source` and `sources` exclude each other. */
function ownedKeys(desired: JsonObject): string[] {
  const keys = new Set(Object.keys(desired));
  if (keys.has('source')) keys.add('sources');
  if (keys.has('sources')) keys.add('source');
  return [...keys];
}

/** Whether every top-level field the caller set has, normalized, the same value in `current`. */
export function ownedFieldsEqual(
  desired: JsonObject,
  current: JsonObject | undefined,
): boolean {
  return ownedKeys(desired).every(key =>
    sameNormalized(desired[key], current?.[key], key),
  );
}

/**
 * `current` with the fields the caller set replaced by theirs (null or undefined
 * removes one), and the others kept, so that a write does not undo what others set.
 */
export function mergeOwnedFields(
  current: JsonObject | undefined,
  desired: JsonObject,
): JsonObject {
  const merged: JsonObject = { ...current };
  for (const key of ownedKeys(desired)) {
    const value = desired[key];
    if (value === undefined || value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/** Whether every label (or annotation) the caller set has that value in `current`. */
export function mapIncludes(
  desired: Record<string, string> | undefined,
  current: Record<string, string> | undefined,
): boolean {
  return Object.entries(desired ?? {}).every(
    ([key, value]) => current?.[key] === value,
  );
}

/** `current` with the caller's entries set over it; undefined when empty, as Go omits it. */
export function mergeMaps(
  current: Record<string, string> | undefined,
  desired: Record<string, string> | undefined,
): Record<string, string> | undefined {
  const merged = { ...current, ...desired };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/** Finalizers compare as sets: Kubernetes does not care about their order. */
export function sameFinalizers(
  desired: string[] | undefined,
  current: string[] | undefined,
): boolean {
  const sorted = (list: string[] | undefined) =>
    JSON.stringify([...(list ?? [])].sort());
  return sorted(desired) === sorted(current);
}

/** Go's nil: absent or null. */
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null;
}

/**
 * argocd-server's NormalizeApplicationSpec, so that the spec compared is the one it
 * stores: `project` defaults to `default`, a sync policy with no automated sync, options,
 * retry or namespace metadata is dropped, and so are empty helm, kustomize and directory
 * blocks of the source.
 */
export function normalizeApplicationSpec(spec: JsonObject): JsonObject {
  const normalized: JsonObject = {
    ...spec,
    project: spec.project || 'default',
  };
  const syncPolicy = normalized.syncPolicy;
  if (
    syncPolicy === null ||
    (typeof syncPolicy === 'object' &&
      isAbsent(syncPolicy.automated) &&
      goNormalize(syncPolicy.syncOptions) === undefined &&
      isAbsent(syncPolicy.retry) &&
      isAbsent(syncPolicy.managedNamespaceMetadata))
  ) {
    normalized.syncPolicy = undefined;
  }
  const normalizeSource = (source: unknown) => {
    if (!source || typeof source !== 'object') return source;
    const copy: JsonObject = { ...source };
    for (const kind of ['helm', 'kustomize', 'directory']) {
      if (kind in copy && goNormalize(copy[kind]) === undefined) {
        copy[kind] = undefined;
      }
    }
    return copy;
  };
  if ('source' in normalized)
    normalized.source = normalizeSource(normalized.source);
  if (Array.isArray(normalized.sources)) {
    normalized.sources = normalized.sources.map(normalizeSource);
  }
  return normalized;
}

/** The cluster config fields ArgoCD never answers with, so that cannot be compared. */
const CLUSTER_SECRETS: string[][] = [
  ['bearerToken'],
  ['password'],
  ['tlsClientConfig', 'keyData'],
];

/** Whether the config carries credentials ArgoCD redacts from its answers. */
export function hasRedactedSecrets(config: JsonObject | undefined): boolean {
  return CLUSTER_SECRETS.some(path => {
    const value = path.reduce<any>((node, key) => node?.[key], config);
    return goNormalize(value) !== undefined;
  });
}

/**
 * Kubernetes equality-based label selectors: `a=b`, `a==b`, `a!=b`, `a` (has the label)
 * and `!a` (has not), comma-separated, all of which must hold. No selector matches all.
 */
export function matchesLabelSelector(
  labels: Record<string, string> | undefined,
  selector: string | undefined,
): boolean {
  if (!selector) return true;
  return selector
    .split(',')
    .map(part => part.trim())
    .filter(Boolean)
    .every(part => {
      const match = /^(.+?)\s*(!=|==|=)\s*(.*)$/.exec(part);
      if (!match) {
        return part.startsWith('!')
          ? labels?.[part.slice(1).trim()] === undefined
          : labels?.[part] !== undefined;
      }
      const [, key, operator, value] = match;
      const actual = labels?.[key.trim()];
      return operator === '!='
        ? actual !== value.trim()
        : actual === value.trim();
    });
}
