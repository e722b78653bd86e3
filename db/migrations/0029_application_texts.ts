import { type Kysely, sql } from 'kysely'

/**
 * The long texts of an application (the profile, the declarations with their explanations, the self-assessment of
 * up to 30,000 characters) move out of the application row into a table of their own. The hot row (status,
 * snapshot, version, decision) stays a few hundred bytes: a list never walks overflow pages, and a step that moves
 * thousands of rows at once (publication) no longer rewrites 26 KB per row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('application_texts')
    .addColumn('application_id', 'integer', (c) => c.primaryKey().references('applications.id'))
    .addColumn('profile', 'text')
    .addColumn('declarations', 'text')
    .addColumn('self_assessment', 'text')
    .execute()
  await sql`insert into application_texts (application_id, profile, declarations, self_assessment)
    select id, profile, declarations, self_assessment from applications`.execute(db)
  for (const column of ['profile', 'declarations', 'self_assessment'])
    await db.schema.alterTable('applications').dropColumn(column).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['profile', 'declarations', 'self_assessment'])
    await db.schema.alterTable('applications').addColumn(column, 'text').execute()
  await sql`update applications set
    profile = (select profile from application_texts t where t.application_id = applications.id),
    declarations = (select declarations from application_texts t where t.application_id = applications.id),
    self_assessment = (select self_assessment from application_texts t where t.application_id = applications.id)`.execute(
    db,
  )
  await db.schema.dropTable('application_texts').execute()
}
