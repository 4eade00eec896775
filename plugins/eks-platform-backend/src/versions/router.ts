/**
 * `GET /kubernetes-versions?account=…&region=…`: the Kubernetes versions EKS offers in that
 * account and Region now (DescribeClusterVersions), for the template's version picker, so
 * that the form offers exactly what the cluster action will accept. Signed-in users only,
 * with the platform's credentials for that account (`aws.accounts`); the list is AWS's
 * public information. Answers are cached for an hour: EKS adds a version a few times a
 * year.
 */
import { EKSClient } from '@aws-sdk/client-eks';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import {
  EksVersionList,
  findRegion,
} from '@internal/plugin-eks-platform-common';
import { describeKubernetesVersions } from '@internal/plugin-eks-platform-node';
import { RouterOptions } from '../types';

const CACHE_TTL_MS = 60 * 60 * 1000;
const ACCOUNT = /^\d{12}$/;

function queryString(req: express.Request, name: string): string {
  const value = req.query[name];
  if (typeof value !== 'string' || value === '') {
    throw new InputError(`${name} is required`);
  }
  return value;
}

export async function createVersionsRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, logger } = options;
  const router = Router();

  router.get('/kubernetes-versions', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    const account = queryString(req, 'account');
    const region = queryString(req, 'region');
    if (!ACCOUNT.test(account)) {
      throw new InputError(`account must be 12 digits, got ${account}`);
    }
    if (!findRegion(region)) {
      throw new InputError(`region ${region} is not an AWS Region`);
    }
    const key = `kubernetes-versions:${account}:${region}`;
    const cached = (await options.cache.get(key)) as EksVersionList | undefined;
    if (cached) {
      res.json(cached);
      return;
    }
    const eks = await options.aws.create(EKSClient, {
      accountId: account,
      region,
    });
    try {
      const list = await describeKubernetesVersions(eks, new Date(), logger);
      // A fallback is not cached: EKS is asked again on the next request.
      if (list.source === 'eks') {
        await options.cache.set(key, list as any, { ttl: CACHE_TTL_MS });
      }
      res.json(list);
    } finally {
      eks.destroy();
    }
  });

  return router;
}
