/**
 * What the route benchmarks share: a silent logger, a signed-in viewer, an Express
 * server on 127.0.0.1 for one plugin router, and percentiles.
 */
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import express from 'express';
import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';

export const quietLogger: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quietLogger,
};

export const benchViewer = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench' },
} as unknown as BackstageCredentials;

/** Serves the router under /api/eks-platform; errors become JSON like Backstage's. */
export async function serveRouter(router: express.Router): Promise<Server> {
  const app = express();
  app.use('/api/eks-platform', router);
  app.use(
    (
      error: Error,
      _req: express.Request,
      res: express.Response,
      _next: express.NextFunction,
    ) => {
      res.status(500).json({ error: { message: error.message } });
    },
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise(resolve => server.once('listening', resolve));
  return server;
}

export function routeBaseUrl(server: Server): string {
  return `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/eks-platform`;
}

export function closeServer(server: Server): Promise<void> {
  return new Promise(resolve => server.close(() => resolve()));
}

/** Nearest-rank percentile of ascending values. */
export function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)
  ];
}
