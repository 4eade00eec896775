import { SloClient } from './sloApi';

describe('SloClient', () => {
  it('asks the backend for the entity and returns its report', async () => {
    const fetch = jest.fn(
      async (_url: string) =>
        new Response(JSON.stringify({ status: 'ok', entityRef: 'x' }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const client = new SloClient({
      discoveryApi: {
        getBaseUrl: async () => 'http://backend/api/eks-platform',
      },
      fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
    });
    const report = await client.getSloReport({
      kind: 'Resource',
      namespace: 'default',
      name: 'dpj-prod-cluster',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/eks-platform/slo/default/dpj-prod-cluster?kind=resource',
    );
    expect(report).toEqual({ status: 'ok', entityRef: 'x' });
  });

  it('throws a ResponseError carrying the backend message', async () => {
    const client = new SloClient({
      discoveryApi: {
        getBaseUrl: async () => 'http://backend/api/eks-platform',
      },
      fetchApi: {
        fetch: (async () =>
          new Response(
            JSON.stringify({
              error: {
                name: 'InvalidSloDefinition',
                message: 'eks-platform/slo-bad must end with "}"',
              },
              response: { statusCode: 422 },
            }),
            {
              status: 422,
              statusText: 'Unprocessable Entity',
              headers: { 'content-type': 'application/json' },
            },
          )) as unknown as typeof globalThis.fetch,
      },
    });
    await expect(
      client.getSloReport({
        kind: 'resource',
        namespace: 'default',
        name: 'c',
      }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 422,
      cause: { message: 'eks-platform/slo-bad must end with "}"' },
    });
  });
});
