import type { Kysely } from 'kysely'

/**
 * The register of rehearsals (演练, issue 24; decision record 0035): each is a copy of the award's database, made
 * from one cycle, with a clock of its own that the secretariat moves forward. The copy itself is a SQLite file
 * beside the database, or a schema of the PostgreSQL database (`storage` names it); this row is the award's own
 * record that it exists, how far its clock is ahead, and who made and removed it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rehearsals')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('cycle_id', 'integer', (col) => col.notNull().references('cycles.id'))
    .addColumn('storage', 'text', (col) => col.notNull())
    .addColumn('created_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    // Whole minutes: the clock is moved by days and hours, and an integer of minutes holds four millennia.
    .addColumn('clock_offset_minutes', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('deleted_at', 'text')
    .addColumn('deleted_by', 'integer', (col) => col.references('users.id'))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rehearsals').execute()
}
