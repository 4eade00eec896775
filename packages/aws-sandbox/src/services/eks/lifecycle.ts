import { SandboxClock } from '../../core/clock';

/**
 * When a resource becomes usable and when it goes away, in sandbox epoch milliseconds.
 * Status is derived from these on every read, so no timer runs in the background.
 */
export interface Lifecycle {
  createdAt: number;
  activeAt: number;
  deletingSince?: number;
  goneAt?: number;
}

export type Phase = 'CREATING' | 'ACTIVE' | 'DELETING' | 'GONE';

export function phaseOf(lifecycle: Lifecycle, now: number): Phase {
  if (lifecycle.goneAt !== undefined) {
    return now >= lifecycle.goneAt ? 'GONE' : 'DELETING';
  }
  return now >= lifecycle.activeAt ? 'ACTIVE' : 'CREATING';
}

/** A lifecycle starting now that turns ACTIVE after AWS's `awsSeconds`, scaled. */
export function startLifecycle(
  clock: SandboxClock,
  awsSeconds: number,
): Lifecycle {
  const now = clock.nowMillis();
  return { createdAt: now, activeAt: now + clock.scaledMillis(awsSeconds) };
}

/**
 * A lifecycle that is ACTIVE whatever the clock says (seeded resources): `createdAt` is
 * only reported, so a seed may date resources before or after the sandbox starts.
 */
export function activeSince(createdAt: number): Lifecycle {
  return { createdAt, activeAt: Number.NEGATIVE_INFINITY };
}

/** Starts deletion now; the resource is gone after AWS's `awsSeconds`, scaled. */
export function startDeletion(
  lifecycle: Lifecycle,
  clock: SandboxClock,
  awsSeconds: number,
): void {
  if (lifecycle.goneAt !== undefined) return;
  const now = clock.nowMillis();
  lifecycle.deletingSince = now;
  lifecycle.goneAt = now + clock.scaledMillis(awsSeconds);
}
