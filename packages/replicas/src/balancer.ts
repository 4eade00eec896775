/**
 * One local address in front of the backend replicas, as a load balancer would be in
 * a deployment: requests go round-robin, and a replica that refuses connections (it
 * was stopped or killed) is skipped until it answers again. Only a refused
 * connection is retried elsewhere, and a reset of a reused idle connection on the same
 * replica: in both cases the request cannot have reached it.
 * Loopback only; streams bodies both ways (the scaffolder's event stream included).
 */
import {
  Agent,
  createServer,
  IncomingMessage,
  request as httpRequest,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';

const MAX_RESENDS = 3;

export interface BalancerOptions {
  /** Port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** Base URLs of the replicas, e.g. `http://127.0.0.1:7101`. */
  upstreams: string[];
  /** How long a replica that refused a connection is skipped. */
  downForMs?: number;
}

export interface RunningBalancer {
  url: string;
  /** Requests each upstream answered, by base URL. */
  answered: Map<string, number>;
  close(): Promise<void>;
}

export async function startBalancer(
  options: BalancerOptions,
): Promise<RunningBalancer> {
  const upstreams = options.upstreams.map(url => new URL(url));
  const downUntil = new Map<string, number>();
  const answered = new Map(options.upstreams.map(url => [url, 0]));
  const downForMs = options.downForMs ?? 1_000;
  let next = 0;
  // Connections to the replicas are reused, as a load balancer's are.
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });

  /** Upstreams in the order to try: round-robin, those marked down last. */
  function candidates(): URL[] {
    const start = next++ % upstreams.length;
    const ordered = [...upstreams.slice(start), ...upstreams.slice(0, start)];
    const now = Date.now();
    const isUp = (url: URL) => (downUntil.get(url.origin) ?? 0) <= now;
    return [...ordered.filter(isUp), ...ordered.filter(url => !isUp(url))];
  }

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    remaining: URL[],
    resent = 0,
  ) {
    const [upstream, ...rest] = remaining;
    if (!upstream) {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('No backend replica is reachable');
      return;
    }
    const proxied = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        agent,
        method: req.method,
        path: req.url,
        headers: {
          ...req.headers,
          'x-forwarded-for': req.socket.remoteAddress,
          'x-forwarded-host': req.headers.host,
        },
      },
      upstreamRes => {
        answered.set(upstream.origin, (answered.get(upstream.origin) ?? 0) + 1);
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    proxied.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' && !res.headersSent) {
        downUntil.set(upstream.origin, Date.now() + downForMs);
        forward(req, res, body, rest);
        return;
      }
      // The replica closed an idle kept-alive connection as it was being reused: the
      // request never reached it (Node's documented race), so it is sent again.
      if (
        proxied.reusedSocket &&
        error.code === 'ECONNRESET' &&
        !res.headersSent &&
        resent < MAX_RESENDS
      ) {
        forward(req, res, body, remaining, resent + 1);
        return;
      }
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`Backend replica ${upstream.origin} failed: ${error.message}`);
      } else {
        res.destroy(error);
      }
    });
    res.on('close', () => {
      if (!res.writableFinished) proxied.destroy();
    });
    proxied.end(body);
  }

  const server = createServer((req, res) => {
    // Buffered so that a refused request can be sent again to the next replica.
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), candidates()));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answered,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
