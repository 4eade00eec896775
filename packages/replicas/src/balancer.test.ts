import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { RunningBalancer, startBalancer } from './balancer';
import { freePort } from './replicaSet';

/** A stand-in replica answering with its name, the method and the body it got. */
async function replica(name: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          name,
          method: req.method,
          path: req.url,
          body: Buffer.concat(chunks).toString('utf8'),
          forwardedFor: req.headers['x-forwarded-for'],
        }),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server };
}

const close = (server: Server) =>
  new Promise(resolve => {
    server.closeAllConnections();
    server.close(resolve);
  });

describe('startBalancer', () => {
  let balancer: RunningBalancer | undefined;
  const servers: Server[] = [];

  afterEach(async () => {
    await balancer?.close();
    await Promise.all(servers.splice(0).map(close));
  });

  it('spreads requests over the replicas in turn, forwarding method, path and body', async () => {
    const a = await replica('a');
    const b = await replica('b');
    servers.push(a.server, b.server);
    balancer = await startBalancer({ port: 0, upstreams: [a.url, b.url] });

    const answers = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${balancer.url}/api/x?i=${i}`, {
        method: 'POST',
        body: `body-${i}`,
      });
      answers.push(await response.json());
    }
    expect(answers.map(answer => answer.name)).toEqual(['a', 'b', 'a', 'b']);
    expect(answers[3]).toMatchObject({
      method: 'POST',
      path: '/api/x?i=3',
      body: 'body-3',
      forwardedFor: '127.0.0.1',
    });
    expect(balancer.answered.get(a.url)).toBe(2);
  });

  it('sends a request refused by a stopped replica to the next one', async () => {
    const alive = await replica('alive');
    servers.push(alive.server);
    const stopped = `http://127.0.0.1:${await freePort()}`;
    balancer = await startBalancer({
      port: 0,
      upstreams: [stopped, alive.url],
    });

    const names = [];
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${balancer.url}/`, {
        method: 'POST',
        body: 'kept',
      });
      expect(response.status).toBe(200);
      const answer = await response.json();
      expect(answer.body).toBe('kept');
      names.push(answer.name);
    }
    expect(names).toEqual(['alive', 'alive', 'alive', 'alive']);
  });

  it('answers 502 when no replica is reachable', async () => {
    balancer = await startBalancer({
      port: 0,
      upstreams: [`http://127.0.0.1:${await freePort()}`],
    });
    const response = await fetch(`${balancer.url}/`);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe('No backend replica is reachable');
  });
});
