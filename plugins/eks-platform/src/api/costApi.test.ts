import { CostClient } from './costApi';

function clientAnswering(status: number, body: unknown) {
  const fetch = jest.fn(
    async (_url: string) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  const client = new CostClient({
    discoveryApi: { getBaseUrl: async () => 'http://backend/api/eks-platform' },
    fetchApi: { fetch: fetch as unknown as typeof globalThis.fetch },
  });
  return { client, fetch };
}

describe('CostClient', () => {
  it('asks for a cluster with months and metric as query parameters', async () => {
    const { client, fetch } = clientAnswering(200, { entityRef: 'x' });
    const report = await client.getClusterCost(
      { namespace: 'default', name: 'dpj-prod-cluster' },
      { months: 6, metric: 'AmortizedCost' },
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/eks-platform/cost/default/dpj-prod-cluster?months=6&metric=AmortizedCost',
    );
    expect(report).toEqual({ entityRef: 'x' });
  });

  it('encodes entity names and leaves out options not given', async () => {
    const { client, fetch } = clientAnswering(200, {});
    await client.getClusterCost({ namespace: 'team a', name: 'c/1?x' });
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/eks-platform/cost/team%20a/c%2F1%3Fx',
    );
  });

  it('asks for the environments with the metric', async () => {
    const { client, fetch } = clientAnswering(200, { environments: [] });
    await client.getEnvironmentCosts({ metric: 'NetAmortizedCost' });
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backend/api/eks-platform/cost/environments?metric=NetAmortizedCost',
    );
    await client.getEnvironmentCosts();
    expect(fetch).toHaveBeenLastCalledWith(
      'http://backend/api/eks-platform/cost/environments',
    );
  });

  it('throws a ResponseError with the status on 403', async () => {
    const { client } = clientAnswering(403, {
      error: { name: 'NotAllowedError', message: 'Unauthorized' },
      response: { statusCode: 403 },
    });
    await expect(client.getEnvironmentCosts()).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      cause: { name: 'NotAllowedError' },
    });
  });
});
