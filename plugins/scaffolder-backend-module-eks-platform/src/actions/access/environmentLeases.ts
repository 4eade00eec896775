/**
 * One task at a time per environment. A task takes its environment's lease when one of its
 * steps starts and keeps it until the task ends: a lease whose task is no longer running
 * (completed, failed, cancelled, unknown) is free, so nothing has to release it, and a
 * retried or recovered task, which keeps its id, takes its own lease back at once.
 */
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';

const TABLE = 'eks_platform_environment_leases';

export interface LeaseHolder {
  taskId: string;
  /** Who started the task, for the refusal another task gets. */
  userRef?: string;
}

/** Whether a scaffolder task is still open or processing. */
export type TaskActivity = (taskId: string) => Promise<boolean>;

export interface EnvironmentLeases {
  /** Takes (or keeps) `environment`'s lease for `holder`; a ConflictError while another task runs. */
  acquire(environment: string, holder: LeaseHolder): Promise<void>;
}

interface LeaseRow {
  environment: string;
  task_id: string;
  user_ref: string | null;
  acquired_at: string;
}

type Knex = Awaited<ReturnType<DatabaseService['getClient']>>;

function refusal(environment: string, row: LeaseRow): ConflictError {
  return new ConflictError(
    `Environment ${environment} is being changed by task ${row.task_id}${
      row.user_ref ? `, started by ${row.user_ref}` : ''
    }, since ${row.acquired_at}: wait until that task ends, then start again`,
  );
}

/** Leases in the scaffolder's database, shared by every backend replica. */
export class DatabaseEnvironmentLeases implements EnvironmentLeases {
  private table?: Promise<Knex>;

  constructor(
    private readonly database: Pick<DatabaseService, 'getClient'>,
    private readonly isTaskActive: TaskActivity,
  ) {}

  /** The table is made on first use, so building the actions needs no database. */
  private get knex(): Promise<Knex> {
    this.table ??= this.database.getClient().then(async knex => {
      await ensureTable(knex);
      return knex;
    });
    return this.table;
  }

  async acquire(environment: string, holder: LeaseHolder): Promise<void> {
    const knex = await this.knex;
    const row: LeaseRow = {
      environment,
      task_id: holder.taskId,
      user_ref: holder.userRef ?? null,
      acquired_at: new Date().toISOString(),
    };
    // The primary key makes the first insert win, on PostgreSQL and SQLite alike.
    await knex(TABLE).insert(row).onConflict('environment').ignore();
    const current: LeaseRow | undefined = await knex(TABLE)
      .where({ environment })
      .first();
    if (!current || current.task_id === holder.taskId) return;
    if (await this.isTaskActive(current.task_id)) {
      throw refusal(environment, current);
    }
    // The holder has ended: take the lease over, unless a third task just did.
    const taken = await knex(TABLE)
      .where({ environment, task_id: current.task_id })
      .update({
        task_id: row.task_id,
        user_ref: row.user_ref,
        acquired_at: row.acquired_at,
      });
    if (taken === 0) {
      const winner: LeaseRow = await knex(TABLE).where({ environment }).first();
      if (winner.task_id !== holder.taskId) throw refusal(environment, winner);
    }
  }
}

/**
 * The table lives in the scaffolder's database beside the scaffolder's own: it is created
 * here rather than by a knex migration, whose bookkeeping table the scaffolder owns.
 */
async function ensureTable(knex: Knex): Promise<void> {
  if (await knex.schema.hasTable(TABLE)) return;
  try {
    await knex.schema.createTable(TABLE, table => {
      table.comment('Which scaffolder task is changing which EKS environment');
      table.string('environment', 255).primary().notNullable();
      table.string('task_id', 255).notNullable();
      table.string('user_ref', 255).nullable();
      table.string('acquired_at', 32).notNullable();
    });
  } catch (error) {
    // Another replica created it first.
    if (!(await knex.schema.hasTable(TABLE))) throw error;
  }
}
