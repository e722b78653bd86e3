import type { Kysely } from 'kysely'
import { createTrigger, dropTrigger } from './portable'

/**
 * UPDATE and DELETE on the audit trail were already refused, but `INSERT OR REPLACE` with an existing id
 * removed the old row and wrote a new one in its place (REPLACE's delete fires no delete trigger). An insert
 * that reuses an id is refused before any conflict handling happens.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await createTrigger(db, {
    name: 'audit_log_no_replace',
    on: 'BEFORE INSERT ON audit_log',
    when: 'NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)',
    abort: 'audit_log is append-only: an id cannot be reused',
    // PostgreSQL has no REPLACE: an insert with a used id breaks the primary key, ON CONFLICT DO UPDATE meets the
    // update trigger, DO NOTHING changes nothing. Reading the table in every write transaction made all of them
    // conflict with each other under SERIALIZABLE.
    postgres: { notNeeded: 'the primary key and the update trigger already refuse it' },
  })
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTrigger(db, 'audit_log_no_replace', 'audit_log')
}
