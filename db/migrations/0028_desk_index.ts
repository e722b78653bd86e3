import type { Kysely } from 'kysely'

/**
 * The desk's page of a cycle in id order, filtered by status or category: every column it shows is in this index,
 * so a page of 50 is read from the index alone (never the rows, whose long texts spill onto overflow pages).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('applications_desk_idx')
    .on('applications')
    .columns(['cycle_id', 'id', 'status', 'category_code', 'organisation_id', 'updated_at', 'correction_due_date'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('applications_desk_idx').execute()
}
