import { createHash } from 'node:crypto';

/** The first `length` hex digits of a SHA-256 of the parts: stable made-up ids and names. */
export function shortHash(length: number, ...parts: string[]): string {
  return createHash('sha256')
    .update(parts.join('/'))
    .digest('hex')
    .slice(0, length);
}
