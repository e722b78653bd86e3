import { type Kysely, sql } from 'kysely'

/**
 * A committee member's ties to organisations (issue 22: members with a conflict are excluded from a candidate's
 * vote): their current employer, former employers and consulting clients (with the day the tie ended), a relative's
 * employer, a competitor. The conflicts are computed from them by the expert pool's rules, not left to the member to
 * notice. A withdrawn tie is kept with the day it was withdrawn.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('committee_member_ties')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .check(
          sql`kind in ('currentEmployer', 'formerEmployer', 'consultingClient', 'relativeEmployer', 'competitor')`,
        ),
    )
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('uscc', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('declared_at', 'text', (col) => col.notNull())
    .addColumn('withdrawn_at', 'text')
    .execute()
  await db.schema.createIndex('committee_member_ties_user_idx').on('committee_member_ties').column('user_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('committee_member_ties').execute()
}
