import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Zod } from './environmentInput';

/** The `resources` and `summary` outputs every provisioning action ends with. */
export const resourceOutputSchema = {
  resources: (z: Zod) =>
    z.array(
      z.object({
        type: z.string(),
        name: z.string(),
        component: z.string(),
        id: z.string(),
        outcome: z.enum(['created', 'reused', 'resumed', 'planned']),
      }),
    ),
  summary: (z: Zod) => z.string().describe('The resources as Markdown'),
};

/** The resources of a run as a Markdown table: type, name, id and a note. */
export function resourceSummary(
  rows: { type: string; name: string; id: string; note: string }[],
): string {
  return [
    '| Resource | Name | Id | |',
    '| --- | --- | --- | --- |',
    ...rows.map(r => `| ${r.type} | ${r.name} | ${r.id} | ${r.note} |`),
  ].join('\n');
}

/** Logs a dry run's line per planned resource: "Would reuse|create <type> <name>: <detail>". */
export function logDryRunRows(
  logger: Pick<LoggerService, 'info'>,
  rows: { type: string; name: string; detail: string; exists: boolean }[],
): void {
  for (const row of rows) {
    logger.info(
      `Would ${row.exists ? 'reuse' : 'create'} ${row.type} ${row.name}: ${
        row.detail
      }`,
    );
  }
}

/** A resource of a dry run's plan: its id when it exists already, a placeholder otherwise. */
export interface DryRunRow {
  type: string;
  name: string;
  component: string;
  id: string;
  detail: string;
  exists: boolean;
}

/** A dry run's `resources` output: each planned resource, reused or planned. */
export function dryRunResources(rows: DryRunRow[]) {
  return rows.map(r => ({
    type: r.type,
    name: r.name,
    component: r.component,
    id: r.id,
    outcome: r.exists ? ('reused' as const) : ('planned' as const),
  }));
}

/** A dry run's `summary` output: what exists is reused, the rest is to create. */
export function dryRunSummary(rows: DryRunRow[]): string {
  return resourceSummary(
    rows.map(r => ({
      ...r,
      note: r.exists ? 'exists, reused' : `to create: ${r.detail}`,
    })),
  );
}
