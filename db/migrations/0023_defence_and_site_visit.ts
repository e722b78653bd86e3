import { type Kysely, sql } from 'kysely'

/**
 * The second half of the award, after the shortlist:
 * - cycles: the weights of the three scores in the final score (whole percentages summing to 100), the defence's
 *   length, and how many experts sit on a defence panel and a site-visit team;
 * - defences: one slot per shortlisted application (Beijing date and time, minutes, room or video link), with the
 *   applicant's confirmation;
 * - site_visits: one visit per application (date, address), the applicant's confirmation, and when the team
 *   leader recorded the team's sheet;
 * - panel_members: the experts drawn for a defence panel or a site-visit team (one of the team its leader);
 * - panel_draws: each such draw's seed, candidates, exclusions and choice, as the document review's draws;
 * - defence_sheets and defence_scores: each panel member's sheet, a percentage per criteria category, and notes;
 * - site_visit_items and site_visit_findings: the team's sheet, a percentage per criteria item with the evidence
 *   seen, and its findings (major or minor).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('cycles')
    .addColumn('weight_document', 'integer', (c) => c.notNull().defaultTo(40))
    .execute()
  await db.schema
    .alterTable('cycles')
    .addColumn('weight_defence', 'integer', (c) => c.notNull().defaultTo(20))
    .execute()
  await db.schema
    .alterTable('cycles')
    .addColumn('weight_site_visit', 'integer', (c) => c.notNull().defaultTo(40))
    .execute()
  await db.schema
    .alterTable('cycles')
    .addColumn('defence_minutes', 'integer', (c) => c.notNull().defaultTo(40))
    .execute()
  await db.schema
    .alterTable('cycles')
    .addColumn('defence_panel_size', 'integer', (c) => c.notNull().defaultTo(5))
    .execute()
  await db.schema
    .alterTable('cycles')
    .addColumn('site_visit_team_size', 'integer', (c) => c.notNull().defaultTo(3))
    .execute()

  await db.schema
    .createTable('defences')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('applications.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('scheduled_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('site_visits')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (c) => c.notNull().unique().references('applications.id'))
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    .addColumn('scheduled_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()

  await db.schema
    .createTable('panel_members')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('defence', 'siteVisit')`))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('expert_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('is_leader', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('panel_members_uq', ['stage', 'application_id', 'expert_user_id'])
    .execute()
  await db.schema
    .createIndex('panel_members_expert_idx')
    .on('panel_members')
    .columns(['expert_user_id', 'stage'])
    .execute()

  await db.schema
    .createTable('panel_draws')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('defence', 'siteVisit')`))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('candidates', 'text', (c) => c.notNull())
    .addColumn('exclusions', 'text', (c) => c.notNull())
    .addColumn('chosen', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('defence_sheets')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('expert_user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addUniqueConstraint('defence_sheets_uq', ['application_id', 'expert_user_id'])
    .execute()
  await db.schema
    .createTable('defence_scores')
    .addColumn('sheet_id', 'integer', (c) => c.notNull().references('defence_sheets.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('criteria_categories.id'))
    .addColumn('percentage', 'integer', (c) =>
      c.notNull().check(sql`percentage between 0 and 100 and percentage % 5 = 0`),
    )
    .addPrimaryKeyConstraint('defence_scores_pk', ['sheet_id', 'category_id'])
    .execute()

  await db.schema
    .createTable('site_visit_items')
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('criteria_items.id'))
    .addColumn('percentage', 'integer', (c) =>
      c.notNull().check(sql`percentage between 0 and 100 and percentage % 5 = 0`),
    )
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('site_visit_items_pk', ['application_id', 'item_id'])
    .execute()
  await db.schema
    .createTable('site_visit_findings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('major', 'minor')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('site_visit_findings_application_idx')
    .on('site_visit_findings')
    .column('application_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'site_visit_findings',
    'site_visit_items',
    'defence_scores',
    'defence_sheets',
    'panel_draws',
    'panel_members',
    'site_visits',
    'defences',
  ]) {
    await db.schema.dropTable(table).execute()
  }
  for (const column of [
    'weight_document',
    'weight_defence',
    'weight_site_visit',
    'defence_minutes',
    'defence_panel_size',
    'site_visit_team_size',
  ]) {
    await db.schema.alterTable('cycles').dropColumn(column).execute()
  }
}
