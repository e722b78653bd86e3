import { type Kysely, sql } from 'kysely'

/**
 * The evidence each cycle requires before an application may be submitted: per award type, the eligibility
 * conditions that need at least one file. Existing cycles get the award's usual list (the business licence for
 * three years' registration, the industry ranking or audited accounts for standing, and for a project entry the
 * completion and acceptance papers). Also: the applicant's explanation when its credit code fails the check
 * character, kept with the organisation for the secretariat to verify.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cycle_required_evidence')
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id'))
    .addColumn('award_type', 'text', (c) => c.notNull())
    .addColumn('condition_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cycle_required_evidence_pk', ['cycle_id', 'award_type', 'condition_key'])
    .execute()
  await sql`
    insert into cycle_required_evidence (cycle_id, award_type, condition_key)
    select cycles.id, defaults.award_type, defaults.condition_key from cycles cross join (
      select 'organisation' as award_type, 'registeredThreeYears' as condition_key
      union all select 'organisation', 'industryLeader'
      union all select 'project', 'registeredThreeYears'
      union all select 'project', 'industryLeader'
      union all select 'project', 'projectInOperation'
    ) as defaults`.execute(db)
  await db.schema.alterTable('organisations').addColumn('uscc_explanation', 'text').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').dropColumn('uscc_explanation').execute()
  await db.schema.dropTable('cycle_required_evidence').execute()
}
