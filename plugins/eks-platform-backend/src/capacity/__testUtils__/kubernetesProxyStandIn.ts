/**
 * Stands in for the Kubernetes backend's `/proxy` in tests and benchmarks:
 * picks the cluster by the `Backstage-Kubernetes-Cluster` header and forwards
 * the request to its endpoint (over TLS with the CA that EKS DescribeCluster
 * reports), with a bearer token as the kubernetes backend's AWS auth would add.
 */
import {
  createServer,
  request as httpRequest,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import { AddressInfo } from 'node:net';
import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';

export interface ClusterEndpoint {
  url: string;
  caPem: string;
}

/** How the proxy finds a cluster by name; a fixed map, or as the Kubernetes backend would. */
export type ClusterResolver = (cluster: string) => ClusterEndpoint | undefined;

export interface KubernetesProxyStandIn {
  /** What `discovery.getBaseUrl('kubernetes')` should return. */
  baseUrl: string;
  requests: Array<{ cluster: string; path: string }>;
  /** Makes every request fail with 503, as when the cluster is unreachable. */
  setDown(down: boolean): void;
  close(): Promise<void>;
}

/** Endpoint and CA of a cluster, read through the real EKS client. */
export async function describeClusterEndpoint(
  eks: EKSClient,
  name: string,
): Promise<ClusterEndpoint> {
  const { cluster } = await eks.send(new DescribeClusterCommand({ name }));
  if (!cluster?.endpoint || !cluster.certificateAuthority?.data) {
    throw new Error(`cluster ${name} has no endpoint yet`);
  }
  return {
    url: cluster.endpoint,
    caPem: Buffer.from(cluster.certificateAuthority.data, 'base64').toString(),
  };
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  endpoint: ClusterEndpoint,
  path: string,
) {
  const send = endpoint.url.startsWith('http:') ? httpRequest : httpsRequest;
  const upstream = send(
    `${endpoint.url}${path}`,
    {
      method: req.method,
      ca: endpoint.caPem,
      headers: {
        accept: 'application/json',
        authorization: 'Bearer k8s-aws-v1.stand-in-token',
      },
    },
    upstreamResponse => {
      res.writeHead(upstreamResponse.statusCode ?? 502, {
        'content-type':
          upstreamResponse.headers['content-type'] ?? 'application/json',
      });
      upstreamResponse.pipe(res);
    },
  );
  upstream.on('error', error => {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: error.message } }));
  });
  upstream.end();
}

export async function startKubernetesProxyStandIn(
  clusters: Map<string, ClusterEndpoint> | ClusterResolver,
): Promise<KubernetesProxyStandIn> {
  const findCluster: ClusterResolver =
    typeof clusters === 'function' ? clusters : name => clusters.get(name);
  const requests: KubernetesProxyStandIn['requests'] = [];
  let down = false;
  const server: Server = createServer((req, res) => {
    const cluster = String(req.headers['backstage-kubernetes-cluster'] ?? '');
    const url = req.url ?? '';
    requests.push({ cluster, path: url });
    const endpoint = findCluster(cluster);
    if (down || !url.startsWith('/proxy/') || !endpoint) {
      res.writeHead(down ? 503 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `cluster ${cluster}` } }));
      return;
    }
    forward(req, res, endpoint, url.slice('/proxy'.length));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    setDown: value => {
      down = value;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
