import type { Kysely } from 'kysely'
import { createTrigger, dropTrigger } from './portable'

/**
 * The public draw ledger (issue 23): every draw of a cycle appended, in the draw's own transaction, to a hash chain
 * of its own (each entry's SHA-256 covers the previous entry's hash and the draw's record, experts and applicants
 * as pseudonymous codes). The chain's head is public from the moment of the draw; the records after publication.
 * Append-only: an entry can be neither changed nor removed, nor replaced through an existing key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('draw_ledger')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('cycle_id', 'integer', (col) => col.notNull().references('cycles.id'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    // The record exactly as hashed (JSON text): verification hashes these bytes, no re-serialisation.
    .addColumn('record', 'text', (col) => col.notNull())
    .addColumn('prev_hash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('draw_ledger_cycle_seq', ['cycle_id', 'seq'])
    .execute()
  // The salt of a cycle's pseudonymous codes: stable within the cycle, so loads can be followed from draw to draw,
  // and not derivable from ids by anyone without it.
  await db.schema
    .createTable('draw_ledger_salts')
    .addColumn('cycle_id', 'integer', (col) => col.primaryKey().references('cycles.id'))
    .addColumn('salt', 'text', (col) => col.notNull())
    .execute()
  await createTrigger(db, {
    name: 'draw_ledger_no_update',
    on: 'BEFORE UPDATE ON draw_ledger',
    abort: 'draw_ledger is append-only',
  })
  await createTrigger(db, {
    name: 'draw_ledger_no_delete',
    on: 'BEFORE DELETE ON draw_ledger',
    abort: 'draw_ledger is append-only',
  })
  await createTrigger(db, {
    name: 'draw_ledger_no_replace',
    on: 'BEFORE INSERT ON draw_ledger',
    when: 'EXISTS (SELECT 1 FROM draw_ledger WHERE id = NEW.id OR (cycle_id = NEW.cycle_id AND seq = NEW.seq))',
    abort: 'draw_ledger is append-only: an entry cannot be replaced',
  })
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['draw_ledger_no_replace', 'draw_ledger_no_delete', 'draw_ledger_no_update'])
    await dropTrigger(db, name, 'draw_ledger')
  await db.schema.dropTable('draw_ledger_salts').execute()
  await db.schema.dropTable('draw_ledger').execute()
}
