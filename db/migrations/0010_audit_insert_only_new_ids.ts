import { type Kysely, sql } from 'kysely'

/**
 * UPDATE and DELETE on the audit trail were already refused, but `INSERT OR REPLACE` with an existing id
 * removed the old row and wrote a new one in its place (REPLACE's delete fires no delete trigger). An insert
 * that reuses an id is refused before any conflict handling happens.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
    WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: an id cannot be reused'); END`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER audit_log_no_replace`.execute(db)
}
