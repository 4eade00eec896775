/** The upgrade action against the sandbox, as the upgrade tests run it. */
import type { ErrorBudgetSource } from '../upgrade/errorBudget';
import {
  createUpgradeClusterAction,
  UpgradeClusterActionOptions,
} from '../upgrade/upgradeCluster';
import {
  FAST_WAITS,
  SandboxActionFixture,
  TODAY,
} from './sandboxActionFixture';
import { testGuard } from './testGuard';

/** A production SLO's 30-day error budget, as its report would give it. */
export function budgetAt(remainingPercent: number | null): ErrorBudgetSource {
  return {
    read: jest.fn(async () => ({ remainingPercent, objectivePercent: 99.9 })),
  };
}

export function upgradeAction(
  fixture: SandboxActionFixture,
  options: Partial<UpgradeClusterActionOptions> = {},
) {
  return createUpgradeClusterAction({
    aws: fixture.aws,
    guard: testGuard(fixture.aws),
    errorBudget: budgetAt(80),
    instances: [],
    now: () => TODAY,
    waitSettings: FAST_WAITS,
    ...options,
  });
}
