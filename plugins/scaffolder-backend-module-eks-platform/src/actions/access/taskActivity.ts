/**
 * Whether a scaffolder task still runs, asked of the scaffolder's own API with the
 * module's service credentials: a lease of a task that ended is free.
 */
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { TaskActivity } from './environmentLeases';

const RUNNING = new Set(['open', 'processing']);

export function scaffolderTaskActivity(options: {
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials' | 'getPluginRequestToken'>;
}): TaskActivity {
  return async taskId => {
    const baseUrl = await options.discovery.getBaseUrl('scaffolder');
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.auth.getOwnServiceCredentials(),
      targetPluginId: 'scaffolder',
    });
    const response = await fetch(
      `${baseUrl}/v2/tasks/${encodeURIComponent(taskId)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (response.status === 404) return false;
    // Anything else unknown keeps the lease: refusing is safer than racing.
    if (!response.ok) return true;
    const task = (await response.json()) as { status?: string };
    return RUNNING.has(task.status ?? 'open');
  };
}
