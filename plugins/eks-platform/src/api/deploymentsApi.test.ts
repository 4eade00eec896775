import { DeploymentsClient } from './deploymentsApi';

function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  const client = new DeploymentsClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/eks-platform' },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

const CLUSTER = {
  kind: 'Resource',
  namespace: 'default',
  name: 'dpj-staging-cluster',
};

describe('DeploymentsClient', () => {
  it('reads the entity by kind, namespace and name', async () => {
    const { client, fetch } = clientAnswering(200, { applications: [] });
    expect(await client.getDeployments(CLUSTER)).toEqual({ applications: [] });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/eks-platform/deployments/default/dpj-staging-cluster?kind=resource',
    );
  });

  it('posts a rollback with its history id and the suspend choice', async () => {
    const { client, fetch } = clientAnswering(200, { message: 'started' });
    await client.rollback(CLUSTER, 'dpj-staging-dpj-api', {
      id: 1,
      suspendAutomatedSync: true,
    });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe(
      'http://backend/api/eks-platform/deployments/default/dpj-staging-cluster/applications/dpj-staging-dpj-api/rollback?kind=resource',
    );
    expect(init).toMatchObject({ method: 'POST' });
    expect(JSON.parse(String(init?.body))).toEqual({
      id: 1,
      suspendAutomatedSync: true,
    });
  });

  it("throws the backend's refusal as a ResponseError", async () => {
    const { client } = clientAnswering(409, {
      error: {
        name: 'ConflictError',
        message: 'ArgoCD refused to roll back dpj-staging-dpj-api',
      },
      response: { statusCode: 409 },
    });
    await expect(
      client.sync(CLUSTER, 'dpj-staging-dpj-api'),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      body: {
        error: { message: 'ArgoCD refused to roll back dpj-staging-dpj-api' },
      },
    });
  });
});
