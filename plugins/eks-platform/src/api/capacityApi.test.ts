import { CapacityClient } from './capacityApi';

describe('CapacityClient', () => {
  const discoveryApi = {
    getBaseUrl: async (pluginId: string) =>
      `http://backend.test/api/${pluginId}`,
  };

  it('fetches the report of an entity from the eks-platform backend', async () => {
    const fetch = jest.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response(JSON.stringify({ generatedAt: 'then' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const client = new CapacityClient({ discoveryApi, fetchApi: { fetch } });
    const report = await client.getCapacity({
      namespace: 'default',
      name: 'dpj-prod-cluster',
    });
    expect(report).toEqual({ generatedAt: 'then' });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend.test/api/eks-platform/capacity/default/dpj-prod-cluster',
    );
  });

  it('turns error responses into ResponseErrors with the backend message', async () => {
    const fetch = jest.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No such cluster' },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'content-type': 'application/json' } },
        ),
    );
    const client = new CapacityClient({ discoveryApi, fetchApi: { fetch } });
    await expect(
      client.getCapacity({ namespace: 'default', name: 'x' }),
    ).rejects.toMatchObject({ name: 'ResponseError', statusCode: 404 });
  });
});
