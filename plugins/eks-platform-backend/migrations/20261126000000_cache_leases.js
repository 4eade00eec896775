// @ts-check

/**
 * Leases that let backend replicas sharing this database agree on which one fills a
 * cache entry (src/shared/databaseLeases.ts).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('eks_platform_cache_leases', table => {
    table.comment('Which replica is computing which cache entry, until when');
    table.string('key', 255).primary().notNullable();
    table.string('holder', 64).notNullable();
    // Epoch milliseconds: compared in SQL, the same way on PostgreSQL and SQLite.
    table.bigInteger('expires_at').notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('eks_platform_cache_leases');
};
