/**
 * Runs the Cost Explorer requests planned in common code (`costExplorerQueries`) with
 * the SDK: every page of GetCostAndUsage, and GetCostForecast, whose lack of history is
 * an answer ("no forecast"), not a failure.
 */
import {
  CostExplorerClient,
  DataUnavailableException,
  GetCostAndUsageCommand,
  GetCostAndUsageCommandInput,
  GetCostForecastCommand,
  GetCostForecastCommandInput,
} from '@aws-sdk/client-cost-explorer';
import {
  CostForecastResponse,
  CostResultByTime,
} from '@internal/plugin-eks-platform-common';
import { AwsClientFactory } from '@internal/plugin-eks-platform-node';

/** Cost Explorer has a single endpoint, in us-east-1, for every account. */
export const COST_EXPLORER_REGION = 'us-east-1';

/** Pages of one GetCostAndUsage query, merged: what the cache keeps. */
export interface CostAndUsageAnswer {
  ResultsByTime: CostResultByTime[];
  /** Pages Cost Explorer answered in (each one a billed request). */
  pages: number;
}

/** GetCostForecast's answer, or why there is none. */
export type CostForecastAnswer =
  | ({ available: true } & CostForecastResponse)
  | { available: false; reason: string };

/** A Cost Explorer call that failed; the message names the account and operation. */
export class CostExplorerError extends Error {
  constructor(
    readonly accountId: string,
    readonly operation: string,
    cause: unknown,
  ) {
    super(
      `Cost Explorer ${operation} failed for account ${accountId}: ${describe(
        cause,
      )}`,
      { cause },
    );
    this.name = 'CostExplorerError';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    return error.name && error.name !== 'Error'
      ? `${error.name}: ${error.message}`
      : error.message;
  }
  return String(error);
}

export class CostExplorerSource {
  /** One client per account, kept: its connections and credentials are reused. */
  private readonly clients = new Map<string, Promise<CostExplorerClient>>();

  constructor(private readonly aws: AwsClientFactory) {}

  private client(accountId: string): Promise<CostExplorerClient> {
    let client = this.clients.get(accountId);
    if (!client) {
      client = this.aws.create(CostExplorerClient, {
        accountId,
        region: COST_EXPLORER_REGION,
      });
      this.clients.set(accountId, client);
      // A failed construction (no credentials yet) is retried on the next call.
      client.catch(() => this.clients.delete(accountId));
    }
    return client;
  }

  async getCostAndUsage(
    accountId: string,
    request: object,
  ): Promise<CostAndUsageAnswer> {
    try {
      const client = await this.client(accountId);
      const results: CostResultByTime[] = [];
      let pages = 0;
      let token: string | undefined;
      do {
        const page = await client.send(
          new GetCostAndUsageCommand({
            ...(request as GetCostAndUsageCommandInput),
            ...(token ? { NextPageToken: token } : {}),
          }),
        );
        pages++;
        // Kept as answered: a period may continue on the next page with more groups,
        // and the aggregation in common code merges those.
        results.push(...((page.ResultsByTime ?? []) as CostResultByTime[]));
        token = page.NextPageToken || undefined;
      } while (token);
      return { ResultsByTime: toJson(results), pages };
    } catch (error) {
      throw new CostExplorerError(accountId, 'GetCostAndUsage', error);
    }
  }

  async getCostForecast(
    accountId: string,
    request: object,
  ): Promise<CostForecastAnswer> {
    try {
      const client = await this.client(accountId);
      const answer = await client.send(
        new GetCostForecastCommand(request as GetCostForecastCommandInput),
      );
      return toJson({
        available: true as const,
        ...(answer.Total ? { Total: answer.Total } : {}),
        ...(answer.ForecastResultsByTime
          ? { ForecastResultsByTime: answer.ForecastResultsByTime }
          : {}),
      });
    } catch (error) {
      // New accounts, or too little history: AWS declines to forecast.
      if (error instanceof DataUnavailableException) {
        return { available: false, reason: error.message };
      }
      throw new CostExplorerError(accountId, 'GetCostForecast', error);
    }
  }
}

/** Drops the SDK's `undefined` members so the answer is plain, cacheable JSON. */
function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
