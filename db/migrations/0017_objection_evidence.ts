import type { Kysely } from 'kysely'

/** Evidence files filed with an objection (异议), stored like application evidence: by content hash, type sniffed. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('objection_evidence')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('objection_id', 'integer', (c) => c.notNull().references('objections.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('objection_evidence_by_objection')
    .on('objection_evidence')
    .column('objection_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('objection_evidence').execute()
}
