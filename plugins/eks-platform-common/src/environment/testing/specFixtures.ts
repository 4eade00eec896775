/**
 * Test helpers: editable copies of presets with one field changed, to show
 * exactly which input triggers which problem.
 */
import { presetFor } from '../presets';
import type { EnvironmentName } from '../types';

/** Marks a field to delete rather than set. */
export const REMOVE = Symbol('remove');

type Container = Record<string, unknown> | unknown[];

/** Splits 'nodeGroups[1].labels["a/b"]' into ['nodeGroups', 1, 'labels', 'a/b']. */
export function parsePath(path: string): Array<string | number> {
  const tokens: Array<string | number> = [];
  for (const match of path.matchAll(
    /\["((?:[^"\\]|\\.)*)"\]|\[(\d+)\]|([^.[\]]+)/g,
  )) {
    const [, quoted, index, plain] = match;
    if (quoted !== undefined) tokens.push(JSON.parse(`"${quoted}"`) as string);
    else if (index !== undefined) tokens.push(Number(index));
    else if (plain !== undefined) tokens.push(plain);
  }
  return tokens;
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function child(container: Container, key: string | number): unknown {
  return Array.isArray(container)
    ? container[Number(key)]
    : container[String(key)];
}

function assign(container: Container, key: string | number, value: unknown) {
  if (Array.isArray(container)) {
    container[Number(key)] = value;
  } else if (value === REMOVE) {
    delete container[String(key)];
  } else {
    container[String(key)] = value;
  }
}

/** A copy of `spec` with the field at `path` set to `value` (or deleted with REMOVE). */
export function withField(
  spec: unknown,
  path: string,
  value: unknown,
): unknown {
  const copy: unknown = structuredClone(spec);
  const tokens = parsePath(path);
  const last = tokens.pop();
  let cursor: unknown = copy;
  for (const token of tokens) {
    if (!isContainer(cursor)) throw new Error(`cannot walk into ${path}`);
    cursor = child(cursor, token);
  }
  if (!isContainer(cursor) || last === undefined) {
    throw new Error(`cannot set ${path}`);
  }
  assign(cursor, last, value);
  return copy;
}

/** A preset with several fields changed, applied in order. */
export function presetWith(
  environment: EnvironmentName,
  changes: Record<string, unknown>,
): unknown {
  return Object.entries(changes).reduce<unknown>(
    (spec, [path, value]) => withField(spec, path, value),
    presetFor(environment),
  );
}
