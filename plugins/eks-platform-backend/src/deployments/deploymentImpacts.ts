/**
 * The error budget burned after each deployment, from the entity's SLO: two Prometheus
 * range queries per report (whatever the number of deployments), cached per entity and
 * set of deployment times.
 */
import { createHash } from 'node:crypto';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import {
  DeployedApplication,
  DEPLOYMENT_IMPACT_WINDOW_HOURS,
  DeploymentSloStatus,
  readSloDefinition,
  deploymentImpact,
  DeploymentImpact,
  planImpactQueries,
  SloDefinition,
} from '@internal/plugin-eks-platform-common';
import { PrometheusClient } from '../slo/prometheusClient';
import type { DeploymentTarget } from './deploymentTarget';

export class DeploymentImpacts {
  constructor(
    private readonly options: {
      cache: CacheService;
      logger: LoggerService;
      /** Undefined when `eksPlatform.prometheus.baseUrl` is not configured. */
      prometheus?: PrometheusClient;
      ttlMs: number;
    },
  ) {}

  /**
   * Fills in each history entry's impact from the entity's SLO, and says whether there
   * are figures and over which window.
   */
  async attach(
    found: DeploymentTarget,
    report: DeployedApplication[],
    now: Date,
  ): Promise<DeploymentSloStatus> {
    const definition = readSloDefinition(found.entity);
    if (definition.status !== 'valid') {
      return {
        status: 'absent',
        message:
          definition.status === 'absent'
            ? `${found.entityRef} has no SLO: add the eks-platform/slo-* annotations`
            : definition.problems.map(p => p.message).join('; '),
      };
    }
    if (!this.options.prometheus) {
      return {
        status: 'error',
        message:
          'No Prometheus is configured: set eksPlatform.prometheus.baseUrl',
      };
    }
    try {
      const byTime = await this.of(
        found.entityRef,
        definition.definition,
        report.flatMap(a => a.history.map(h => h.deployedAt)).filter(Boolean),
        now,
      );
      for (const app of report) {
        for (const entry of app.history) {
          entry.impact = byTime.get(entry.deployedAt) ?? null;
        }
      }
    } catch (error) {
      this.options.logger.warn(
        `Deployment impact of ${found.entityRef}: ${(error as Error).message}`,
      );
      return { status: 'error', message: (error as Error).message };
    }
    return {
      status: 'ok',
      objectivePercent: definition.definition.objectivePercent,
      windowHours: DEPLOYMENT_IMPACT_WINDOW_HOURS,
    };
  }

  /** Impact by deployment time (ISO); absent when the window has no events. */
  async of(
    entityRef: string,
    definition: SloDefinition,
    deployedAt: string[],
    now: Date,
  ): Promise<Map<string, DeploymentImpact | null>> {
    const times = [...new Set(deployedAt)].sort();
    const key = `deployment-impact:v1:${createHash('sha256')
      .update(JSON.stringify([entityRef, definition, times]))
      .digest('hex')
      .slice(0, 24)}`;
    const cached = (await this.options.cache.get(key)) as
      | Record<string, DeploymentImpact | null>
      | undefined;
    if (cached) return new Map(Object.entries(cached));
    const plan = planImpactQueries(
      definition.sli,
      times.map(t => new Date(t)),
      now,
    );
    const impacts = new Map<string, DeploymentImpact | null>();
    if (plan) {
      const prometheus = this.options.prometheus!;
      const [part, total] = await Promise.all(
        plan.queries.map(query => prometheus.run(query)),
      );
      const measured = plan.queries[0].measures === 'bad' ? 'bad' : 'good';
      for (const time of times) {
        impacts.set(
          time,
          deploymentImpact(
            new Date(time),
            { measured, part, total },
            { objectivePercent: definition.objectivePercent, now },
          ),
        );
      }
    }
    await this.options.cache.set(key, Object.fromEntries(impacts) as any, {
      ttl: this.options.ttlMs,
    });
    return impacts;
  }
}
