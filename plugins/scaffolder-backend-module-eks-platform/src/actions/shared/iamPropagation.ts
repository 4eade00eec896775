/**
 * IAM changes reach other AWS services a few seconds after IAM accepts them ("Changes that
 * I make are not always immediately visible", IAM User Guide troubleshooting). An EKS create
 * naming a role made a moment ago is refused until then; this rides that out.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { isRoleNotAssumableYet, retryWhile } from './awsErrors';
import { retryDelaysMs, WaitSettings } from './waiting';

export function onceRoleIsAssumable<T>(
  call: () => Promise<T>,
  options: {
    roleArn: string;
    waitSettings: WaitSettings;
    logger: Pick<LoggerService, 'info'>;
  },
): Promise<T> {
  return retryWhile(
    isRoleNotAssumableYet,
    call,
    retryDelaysMs(options.waitSettings),
    (_error, delayMs) =>
      options.logger.info(
        `EKS cannot assume ${
          options.roleArn
        } yet (IAM propagation); retrying in ${delayMs / 1000}s`,
      ),
  );
}
