/**
 * The production floor of an upgrade: an upgrade replaces every node, so a production
 * service that has already spent most of its error budget should not take that risk now
 * (the SRE Workbook's error budget policy: changes stop while the budget is spent). The
 * figure is the rolling 30-day budget of the cluster's SLO report, the one its catalog
 * page shows, read from the eks-platform backend with the task initiator's credentials.
 */
import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';
import type { SloReportResponse } from '@internal/plugin-eks-platform-common';

/** The default floor: a quarter of the month's budget left. */
export const DEFAULT_ERROR_BUDGET_FLOOR_PERCENT = 25;
export const ERROR_BUDGET_FLOOR_CONFIG =
  'eksPlatform.upgrade.productionErrorBudgetFloorPercent';

/** The configured floor, checked when the backend starts. */
export function readErrorBudgetFloor(config: RootConfigService): number {
  const floor =
    config.getOptionalNumber(ERROR_BUDGET_FLOOR_CONFIG) ??
    DEFAULT_ERROR_BUDGET_FLOOR_PERCENT;
  if (!(floor >= 0 && floor <= 100)) {
    throw new InputError(
      `Invalid ${ERROR_BUDGET_FLOOR_CONFIG}: expected a percentage from 0 to 100, got ${floor}`,
    );
  }
  return floor;
}

export interface ErrorBudgetReading {
  /** Percent of the rolling 30-day budget left; null when the window has no events. */
  remainingPercent: number | null;
  objectivePercent: number;
}

/** Where an upgrade reads a cluster entity's error budget. */
export interface ErrorBudgetSource {
  read(
    entity: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<ErrorBudgetReading>;
}

/** The eks-platform backend's `GET /slo/:namespace/:name`, on behalf of the caller. */
export function backendErrorBudgetSource(options: {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: Pick<AuthService, 'getPluginRequestToken'>;
  fetch?: typeof fetch;
}): ErrorBudgetSource {
  const doFetch = options.fetch ?? fetch;
  return {
    async read(entity, credentials) {
      const baseUrl = await options.discovery.getBaseUrl('eks-platform');
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'eks-platform',
      });
      const response = await doFetch(
        `${baseUrl}/slo/${encodeURIComponent(
          entity.namespace,
        )}/${encodeURIComponent(entity.name)}?kind=resource`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      if (!response.ok) {
        const { cause } = await ResponseError.fromResponse(response);
        throw new Error(
          `the eks-platform backend answered ${response.status}: ${cause.message}`,
        );
      }
      const answer = (await response.json()) as SloReportResponse;
      // Prometheus failing is an answer too: the report says so instead of the figures.
      if (answer.status !== 'ok') {
        throw new Error(
          `its SLO report has no figures (${answer.error.source}: ${answer.error.message})`,
        );
      }
      return {
        remainingPercent: answer.report.rolling30d.budgetRemainingPercent,
        objectivePercent: answer.report.definition.objectivePercent,
      };
    },
  };
}

/** Whether a production upgrade may start now, in a sentence with the figure. */
export async function checkErrorBudget(options: {
  source: ErrorBudgetSource;
  floorPercent: number;
  clusterName: string;
  credentials: BackstageCredentials;
}): Promise<{ blocks: boolean; text: string }> {
  const { clusterName, floorPercent } = options;
  const setting = `the floor is ${floorPercent}% (${ERROR_BUDGET_FLOOR_CONFIG})`;
  let reading: ErrorBudgetReading;
  try {
    reading = await options.source.read(
      { namespace: 'default', name: clusterName },
      options.credentials,
    );
  } catch (error) {
    // A production change is refused when its safety figure cannot be read.
    const text = `the SLO error budget of resource:default/${clusterName} could not be read (${
      (error as Error).message
    }); ${setting}`;
    return { blocks: true, text };
  }
  const left = reading.remainingPercent;
  if (left === null) {
    const text = `the SLO of resource:default/${clusterName} has no events in the last 30 days, so its error budget is unknown; ${setting}`;
    return { blocks: true, text };
  }
  const figure = `${left.toFixed(1)}% of the 30-day error budget of the ${
    reading.objectivePercent
  }% SLO is left; ${setting}`;
  return left < floorPercent
    ? {
        blocks: true,
        text: `${figure}. Wait until the budget recovers, or lower the floor`,
      }
    : { blocks: false, text: figure };
}
