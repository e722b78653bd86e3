import { type Kysely, sql } from 'kysely'

/**
 * The State Council's holiday calendar for a year (放假 and 调休上班), entered by the secretariat when the
 * built-in calendar (the chinese-days package) does not know the year yet. A year entered again replaces the
 * earlier entries, which are kept, marked replaced, with who entered them and when.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('official_calendar_days')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('holiday', 'workday')`))
    .addColumn('entered_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('replaced_at', 'text')
    .execute()
  await db.schema
    .createIndex('official_calendar_days_current_idx')
    .on('official_calendar_days')
    .columns(['replaced_at', 'year'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('official_calendar_days').execute()
}
