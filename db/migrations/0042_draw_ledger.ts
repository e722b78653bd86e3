import { type Kysely, sql } from 'kysely'

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
  await sql`CREATE TRIGGER draw_ledger_no_update BEFORE UPDATE ON draw_ledger
    BEGIN SELECT RAISE(ABORT, 'draw_ledger is append-only'); END`.execute(db)
  await sql`CREATE TRIGGER draw_ledger_no_delete BEFORE DELETE ON draw_ledger
    BEGIN SELECT RAISE(ABORT, 'draw_ledger is append-only'); END`.execute(db)
  await sql`CREATE TRIGGER draw_ledger_no_replace BEFORE INSERT ON draw_ledger
    WHEN EXISTS (SELECT 1 FROM draw_ledger WHERE id = NEW.id OR (cycle_id = NEW.cycle_id AND seq = NEW.seq))
    BEGIN SELECT RAISE(ABORT, 'draw_ledger is append-only: an entry cannot be replaced'); END`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER draw_ledger_no_replace`.execute(db)
  await sql`DROP TRIGGER draw_ledger_no_delete`.execute(db)
  await sql`DROP TRIGGER draw_ledger_no_update`.execute(db)
  await db.schema.dropTable('draw_ledger_salts').execute()
  await db.schema.dropTable('draw_ledger').execute()
}
