import express from 'express';
import Router from 'express-promise-router';
import { createCapacityRouter } from './capacity';
import { createCostRouter } from './cost';
import { createDeploymentsRouter } from './deployments';
import { createUpgradeRouter } from './upgrade';
import { createSloRouter } from './slo';
import { createVersionsRouter } from './versions';
import { RouterOptions } from './types';

export type { RouterOptions } from './types';

/** Mounts each feature's routes; every feature owns its folder. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.use(await createCapacityRouter(options));
  router.use(await createSloRouter(options));
  router.use(await createCostRouter(options));
  router.use(await createVersionsRouter(options));
  router.use(await createDeploymentsRouter(options));
  router.use(await createUpgradeRouter(options));

  return router;
}
