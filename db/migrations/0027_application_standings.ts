import type { Kysely } from 'kysely'

/**
 * Each application's document-review standing, stored: the cycle's aggregate of its sheets (or its consensus),
 * the 4.7 and 4.1 points that break ties, how many sheets are in and whether a consensus stands. Written in the
 * same transaction as whatever changes it (a sheet submitted, a consensus recorded, the cycle's aggregation or
 * normalisation changed), so the ranking reads one narrow row per application. A table of its own, apart from the
 * application row and its long texts. Filled for existing data when the server sets up the database.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_standings')
    .addColumn('application_id', 'integer', (c) => c.primaryKey().references('applications.id'))
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id'))
    .addColumn('score', 'integer')
    .addColumn('results', 'integer')
    .addColumn('leadership', 'integer')
    .addColumn('sheets', 'integer', (c) => c.notNull())
    .addColumn('consensus', 'integer')
    .execute()
  await db.schema
    .createIndex('application_standings_cycle_idx')
    .on('application_standings')
    .column('cycle_id')
    .execute()
  // The ranking's and the desk's columns of the application row, so that their lists never read the row itself
  // (whose long texts spill onto overflow pages).
  await db.schema
    .createIndex('applications_cycle_list_idx')
    .on('applications')
    .columns([
      'cycle_id',
      'category_code',
      'id',
      'status',
      'version',
      'award_type',
      'organisation_id',
      'decision_level_id',
      'decision_reason',
    ])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applications_cycle_list_idx').execute()
  await db.schema.dropTable('application_standings').execute()
}
