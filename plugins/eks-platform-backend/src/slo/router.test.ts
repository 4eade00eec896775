import http from 'http';
import { AddressInfo } from 'net';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SloReportResponse } from '@internal/plugin-eks-platform-common';
import request from 'supertest';
import { clusterWithSlo, startSloBackend } from './__testUtils__/testBackend';

/** A Prometheus stand-in that fails every query the way Prometheus does. */
async function failingPrometheus(): Promise<{
  url: string;
  close(): void;
  hits: () => number;
}> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(422, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        status: 'error',
        errorType: 'execution',
        error: 'query processing would load too many samples into memory',
      }),
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
    hits: () => hits,
  };
}

describe('GET /slo/:namespace/:name', () => {
  it.each([
    ['/api/eks-platform/slo/default/bad%20name', "Invalid 'name'"],
    ['/api/eks-platform/slo/-x-/dpj-prod-cluster', "Invalid 'namespace'"],
    [
      '/api/eks-platform/slo/default/dpj-prod-cluster?kind=user',
      'Invalid parameter "kind"',
    ],
    [
      '/api/eks-platform/slo/default/dpj-prod-cluster?kind=a&kind=b',
      'Invalid parameter "kind"',
    ],
  ])('answers 400 naming the parameter for %s', async (path, message) => {
    const { server } = await startSloBackend({
      prometheusBaseUrl: 'http://127.0.0.1:9',
    });
    const response = await request(server).get(path);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
  });

  it('answers 404 for an unknown entity or one without an SLO', async () => {
    const { server } = await startSloBackend({
      prometheusBaseUrl: 'http://127.0.0.1:9',
      entities: [
        {
          ...clusterWithSlo('plain'),
          metadata: { name: 'plain', namespace: 'default' },
        },
      ],
    });
    const unknown = await request(server).get(
      '/api/eks-platform/slo/default/nope',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No entity resource:default/nope in the catalog',
    );
    const plain = await request(server).get(
      '/api/eks-platform/slo/default/plain',
    );
    expect(plain.status).toBe(404);
    expect(plain.body.error.message).toContain('has no SLO');
  });

  it('answers 422 naming the annotation of an invalid definition', async () => {
    const { server } = await startSloBackend({
      prometheusBaseUrl: 'http://127.0.0.1:9',
      entities: [
        clusterWithSlo('c', {
          'eks-platform/slo-bad':
            'http_requests_total{code="500"} or vector(1)',
        }),
      ],
    });
    const response = await request(server).get(
      '/api/eks-platform/slo/default/c',
    );
    expect(response.status).toBe(422);
    expect(response.body.problems).toEqual([
      {
        field: 'eks-platform/slo-bad',
        message: expect.stringContaining(
          'eks-platform/slo-bad must end with "}"',
        ),
      },
    ]);
  });

  it("reads the entity with the caller's credentials", async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn(async () => undefined),
    });
    const { server } = await startSloBackend({
      prometheusBaseUrl: 'http://127.0.0.1:9',
      catalog,
    });
    await request(server)
      .get('/api/eks-platform/slo/default/secret-cluster')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/mallory'),
      );
    expect(catalog.getEntityByRef).toHaveBeenCalledWith(
      { kind: 'resource', namespace: 'default', name: 'secret-cluster' },
      { credentials: mockCredentials.user('user:default/mallory') },
    );
  });

  it('reports Prometheus errors as such and does not cache them', async () => {
    const prometheus = await failingPrometheus();
    try {
      const { server } = await startSloBackend({
        prometheusBaseUrl: prometheus.url,
        entities: [clusterWithSlo('c')],
      });
      const first = await request(server).get(
        '/api/eks-platform/slo/default/c',
      );
      expect(first.status).toBe(200);
      const body = first.body as SloReportResponse;
      expect(body.status).toBe('error');
      expect(body.status === 'error' && body.error).toEqual({
        source: 'prometheus',
        message:
          'Prometheus answered HTTP 422 (execution): query processing would load too many samples into memory',
      });
      const hitsAfterFirst = prometheus.hits();
      expect(hitsAfterFirst).toBeGreaterThanOrEqual(1);
      await request(server).get('/api/eks-platform/slo/default/c');
      expect(prometheus.hits()).toBeGreaterThan(hitsAfterFirst);
    } finally {
      prometheus.close();
    }
  });

  it('says Prometheus is unreachable, or not configured', async () => {
    const unreachable = await startSloBackend({
      prometheusBaseUrl: 'http://127.0.0.1:9',
      entities: [clusterWithSlo('c')],
    });
    const down = await request(unreachable.server).get(
      '/api/eks-platform/slo/default/c',
    );
    expect(down.body.status).toBe('error');
    expect(down.body.error.message).toMatch(/^Prometheus is unreachable: /);

    const unconfigured = await startSloBackend({
      entities: [clusterWithSlo('c')],
    });
    const none = await request(unconfigured.server).get(
      '/api/eks-platform/slo/default/c',
    );
    expect(none.body.error.message).toBe(
      'No Prometheus is configured: set eksPlatform.prometheus.baseUrl',
    );
  });
});
