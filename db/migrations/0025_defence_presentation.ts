import type { Kysely } from 'kysely'

/**
 * The applicant's defence presentation (a PDF), kept with its slot: name, size, the stored file's hash (the
 * attachment store is content-addressed) and when it was uploaded. Replacing it keeps only the latest.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('defences').addColumn('presentation_filename', 'text').execute()
  await db.schema.alterTable('defences').addColumn('presentation_sha256', 'text').execute()
  await db.schema.alterTable('defences').addColumn('presentation_size', 'integer').execute()
  await db.schema.alterTable('defences').addColumn('presentation_uploaded_at', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [
    'presentation_uploaded_at',
    'presentation_size',
    'presentation_sha256',
    'presentation_filename',
  ]) {
    await db.schema.alterTable('defences').dropColumn(column).execute()
  }
}
