/** FNV-1a of a string: a stable 32-bit seed for a series or a node. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Murmur3's finalizer: mixes every input bit into every output bit. */
function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) determined by a seed, an index (e.g. a minute) and a draw number. */
export function fractionFromHash(
  seed: number,
  index: number,
  draw: number,
): number {
  const low = index % 0x100000000;
  const high = Math.floor(index / 0x100000000);
  const h = mix(
    mix(seed ^ Math.imul(low, 0x9e3779b1)) ^
      Math.imul(high + 1, 0x7feb352d) ^
      Math.imul(draw + 1, 0x846ca68b),
  );
  return h / 0x100000000;
}
