/**
 * Waiting for an EKS update (UpdateClusterVersion, UpdateAddon, UpdateNodegroupConfig,
 * UpdateNodegroupVersion) with DescribeUpdate, which has no SDK waiter: the waiter's
 * backoff, progress in the task log, and EKS's own errors when it fails.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeUpdateCommand, EKSClient, Update } from '@aws-sdk/client-eks';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { waitWithProgress, WaitSettings } from './waiting';

const DONE = ['Successful', 'Failed', 'Cancelled'];

/** DescribeUpdate until EKS says the update succeeded; a failed one names EKS's errors. */
export async function waitForUpdate(
  eks: EKSClient,
  options: {
    clusterName: string;
    nodegroupName?: string;
    addonName?: string;
    updateId: string;
    /** "the scaling update … of node group app-spot", for the log and errors. */
    what: string;
    logger: Pick<LoggerService, 'info' | 'warn'>;
    settings: WaitSettings;
  },
): Promise<Update> {
  const { clusterName, nodegroupName, addonName, updateId, what } = options;
  return waitWithProgress({
    logger: options.logger,
    what,
    settings: options.settings,
    wait: async timing => {
      const deadline = Date.now() + timing.maxWaitTime * 1000;
      let delay = timing.minDelay;
      for (;;) {
        const { update } = await eks.send(
          new DescribeUpdateCommand({
            name: clusterName,
            nodegroupName,
            addonName,
            updateId,
          }),
        );
        if (update?.status === 'Successful') return update;
        if (update?.status && DONE.includes(update.status)) {
          const errors = (update.errors ?? [])
            .map(
              e =>
                `${e.errorCode}: ${e.errorMessage}${
                  e.resourceIds?.length ? ` (${e.resourceIds.join(', ')})` : ''
                }`,
            )
            .join('; ');
          throw new Error(
            `EKS reports ${what} ${update.status}${
              errors ? ` (${errors})` : ''
            }`,
          );
        }
        if (Date.now() + delay * 1000 > deadline) {
          throw new Error(
            `${what} was still ${update?.status} after ${timing.maxWaitTime}s`,
          );
        }
        await sleep(delay * 1000);
        delay = Math.min(delay * 2, timing.maxDelay);
      }
    },
  });
}
