import { type Kysely, sql } from 'kysely'

/**
 * The cycle's archive (档案, issue 22): "评审原始资料实行档案管理". One action after publication writes every row of
 * the cycle and every file it references to a folder with a manifest of SHA-256 hashes, and a zip of it; from then
 * on the cycle is read-only (`archived_at`). Each download of an archive is recorded with its reader.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').addColumn('archived_at', 'text').execute()
  await db.schema
    .createTable('cycle_archives')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('cycle_id', 'integer', (col) => col.notNull().references('cycles.id'))
    .addColumn('built_at', 'text', (col) => col.notNull())
    .addColumn('built_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('folder', 'text', (col) => col.notNull())
    .addColumn('manifest_hash', 'text', (col) => col.notNull().check(sql`length(manifest_hash) = 64`))
    .addColumn('files', 'integer', (col) => col.notNull())
    .addColumn('bytes', 'integer', (col) => col.notNull())
    .execute()
  await db.schema
    .createTable('archive_downloads')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('archive_id', 'integer', (col) => col.notNull().references('cycle_archives.id'))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('at', 'text', (col) => col.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('archive_downloads').execute()
  await db.schema.dropTable('cycle_archives').execute()
  await db.schema.alterTable('cycles').dropColumn('archived_at').execute()
}
