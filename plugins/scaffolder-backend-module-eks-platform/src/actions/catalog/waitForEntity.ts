import { setTimeout as sleep } from 'node:timers/promises';
import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { waitForEntityExamples } from './waitForEntity.examples';

const DEFAULT_TIMEOUT_SECONDS = 600;
const DEFAULT_POLL_SECONDS = 5;
const PROGRESS_EVERY_MS = 30_000;

const validator = makeValidator();

function parseRef(text: string): CompoundEntityRef {
  const problem = `entityRef: '${text}' is not an entity reference such as resource:default/acme-dev-cluster`;
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(text, { defaultKind: 'resource' });
  } catch (error) {
    throw new InputError(`${problem} (${error})`);
  }
  if (
    !validator.isValidKind(ref.kind) ||
    !validator.isValidNamespace(ref.namespace) ||
    !validator.isValidEntityName(ref.name)
  ) {
    throw new InputError(problem);
  }
  return ref;
}

/**
 * `eks-platform:catalog:wait`: waits until an entity is in the catalog, read with the
 * permissions of the user who started the task. The cluster's entity comes from the
 * catalog's EKS cluster discovery once the cluster is active; this step lets the
 * template link to it only when the page exists.
 */
export function createCatalogWaitAction(options: { catalog: CatalogService }) {
  return createTemplateAction({
    id: 'eks-platform:catalog:wait',
    description:
      'Waits until an entity is in the software catalog, e.g. the new EKS cluster registered by the catalog’s cluster discovery.',
    examples: waitForEntityExamples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The entity to wait for, e.g. resource:default/acme-dev-cluster',
            ),
        timeoutSeconds: z =>
          z
            .number()
            .int()
            .min(1)
            .max(3600)
            .optional()
            .describe(
              `Give up after this long; default ${DEFAULT_TIMEOUT_SECONDS}`,
            ),
        pollSeconds: z =>
          z
            .number()
            .min(0.01)
            .max(60)
            .optional()
            .describe(
              `Time between two lookups; default ${DEFAULT_POLL_SECONDS}`,
            ),
      },
      output: {
        entityRef: z => z.string().describe('The entity reference, normalized'),
      },
    },
    async handler(ctx) {
      const ref = stringifyEntityRef(parseRef(ctx.input.entityRef));
      const timeoutMs =
        (ctx.input.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
      const pollMs = (ctx.input.pollSeconds ?? DEFAULT_POLL_SECONDS) * 1000;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would wait for ${ref} in the catalog`);
        ctx.output('entityRef', ref);
        return;
      }
      const credentials = await ctx.getInitiatorCredentials();
      const started = Date.now();
      let lastProgress = started;
      ctx.logger.info(
        `Waiting for ${ref} in the catalog, at most ${timeoutMs / 1000}s`,
      );
      for (;;) {
        const entity = await options.catalog.getEntityByRef(ref, {
          credentials,
        });
        const elapsed = Date.now() - started;
        if (entity) {
          ctx.logger.info(
            `${ref} is in the catalog after ${Math.round(elapsed / 1000)}s`,
          );
          ctx.output('entityRef', ref);
          return;
        }
        if (elapsed >= timeoutMs) {
          throw new Error(
            `${ref} did not appear in the catalog within ${
              timeoutMs / 1000
            }s. The cluster exists; check that eksPlatform.catalog.clusterDiscovery covers its account and region, or register it by hand.`,
          );
        }
        if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          ctx.logger.info(
            `Still waiting for ${ref}: ${Math.round(elapsed / 1000)}s elapsed`,
          );
        }
        await sleep(Math.min(pollMs, timeoutMs - elapsed), undefined, {
          signal: ctx.signal,
        });
      }
    },
  });
}
