/** What the tests and bench/load ask of a running backend, over HTTP as a browser would. */
import { setTimeout as sleep } from 'node:timers/promises';
import { RunningSandbox } from '@internal/aws-sandbox';

/** Points the replicas at a sandbox started on its own ports. */
export function sandboxConfig(sandbox: RunningSandbox) {
  return {
    eksPlatform: {
      aws: { endpoint: sandbox.url },
      argocd: {
        instances: [
          {
            name: 'sandbox',
            url: `${sandbox.url}/argocd`,
            token: 'sandbox-argocd-token',
          },
        ],
      },
      prometheus: { baseUrl: `${sandbox.url}/prometheus` },
    },
  };
}

/**
 * A Backstage token of a catalog user, through the development sign-in; retried while
 * the catalog is still ingesting its users after the backend started.
 */
export async function signIn(
  baseUrl: string,
  userName: string,
  timeoutMs = 120_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`${baseUrl}/api/auth/development/refresh`, {
      headers: { 'x-development-user': userName },
    });
    if (response.ok) {
      const body = await response.json();
      return body.backstageIdentity.token;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `sign-in as ${userName} failed: ${
          response.status
        } ${await response.text()}`,
      );
    }
    await sleep(1_000);
  }
}

export interface TaskEvent {
  type: string;
  body: { message?: string; stepId?: string; status?: string };
}

export async function taskEvents(
  baseUrl: string,
  token: string,
  taskId: string,
): Promise<TaskEvent[]> {
  const response = await fetch(
    `${baseUrl}/api/scaffolder/v2/tasks/${taskId}/events`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  return response.json();
}
