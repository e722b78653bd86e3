import { type Kysely, sql } from 'kysely'

/**
 * The committee's deliberation (审定, issue 22): when a cycle asks for it (`committee_vote`), each committee member
 * votes on each candidate and level (for, against, abstain, with a note), a member with a conflict recuses from a
 * candidate, and a decision is recorded only where the vote carried, with its tally. The cycle sets the quorum
 * (how many of the members not recused must vote) and the majority (how many of the votes cast must be for):
 * more than half, or at least two thirds.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cycles')
    .addColumn('committee_vote', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(0)
        .check(sql`committee_vote in (0, 1)`),
    )
    .execute()
  for (const column of ['committee_quorum', 'committee_majority'])
    await db.schema
      .alterTable('cycles')
      .addColumn(column, 'text', (col) =>
        col
          .notNull()
          .defaultTo('twoThirds')
          .check(sql`${sql.ref(column)} in ('half', 'twoThirds')`),
      )
      .execute()
  await db.schema
    .createTable('committee_votes')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id'))
    // The award level voted on; 0 for "no award".
    .addColumn('level_key', 'integer', (col) => col.notNull())
    .addColumn('member_user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('vote', 'text', (col) => col.notNull().check(sql`vote in ('for', 'against', 'abstain')`))
    .addColumn('note', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('voted_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('committee_votes_uq', ['application_id', 'level_key', 'member_user_id'])
    .execute()
  await db.schema
    .createTable('committee_recusals')
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id'))
    .addColumn('member_user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('committee_recusals_pk', ['application_id', 'member_user_id'])
    .execute()
  await db.schema
    .createTable('committee_tallies')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id'))
    .addColumn('level_key', 'integer', (col) => col.notNull())
    .addColumn('members', 'integer', (col) => col.notNull())
    .addColumn('recused', 'integer', (col) => col.notNull())
    .addColumn('for_votes', 'integer', (col) => col.notNull())
    .addColumn('against_votes', 'integer', (col) => col.notNull())
    .addColumn('abstentions', 'integer', (col) => col.notNull())
    .addColumn('quorum', 'text', (col) => col.notNull())
    .addColumn('majority', 'text', (col) => col.notNull())
    .addColumn('recorded_by', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('committee_tallies_app_idx').on('committee_tallies').columns(['application_id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('committee_tallies').execute()
  await db.schema.dropTable('committee_recusals').execute()
  await db.schema.dropTable('committee_votes').execute()
  for (const column of ['committee_majority', 'committee_quorum', 'committee_vote'])
    await db.schema.alterTable('cycles').dropColumn(column).execute()
}
