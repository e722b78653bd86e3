import { type Kysely, sql } from 'kysely'
import { createTrigger } from './portable'

// Frozen: a migration never imports app code and never changes once it has run anywhere.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text', (c) => c.notNull().unique())
    .addColumn('contact_person', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('applicant', 'reviewer', 'admin')`))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('expertise', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute()

  await db.schema
    .createTable('criteria_editions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('criteria_categories')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('criteria_editions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull().check(sql`points > 0`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('process', 'results')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('criteria_categories_code_uq', ['edition_id', 'code'])
    .execute()

  await db.schema
    .createTable('criteria_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('criteria_categories.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull().check(sql`points > 0`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('criteria_items_code_uq', ['category_id', 'code'])
    .execute()

  await db.schema
    .createTable('cycles')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year', 'integer', (c) => c.notNull().unique())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('edition_id', 'integer', (c) => c.notNull().references('criteria_editions.id'))
    .addColumn('submission_deadline', 'text', (c) => c.notNull())
    .addColumn('min_reviewers', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`min_reviewers >= 1`),
    )
    .addColumn('results_published_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('cycle_categories')
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('cycle_categories_pk', ['cycle_id', 'code'])
    .execute()

  await db.schema
    .createTable('award_levels')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id'))
    .addColumn('category_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('quota', 'integer', (c) => c.notNull().check(sql`quota >= 0`))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addUniqueConstraint('award_levels_uq', ['cycle_id', 'category_code', 'code'])
    .addForeignKeyConstraint('award_levels_category_fk', ['cycle_id', 'category_code'], 'cycle_categories', [
      'cycle_id',
      'code',
    ])
    .execute()

  await db.schema
    .createTable('applications')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('category_code', 'text')
    .addColumn('award_type', 'text')
    .addColumn('project_name', 'text')
    .addColumn('profile', 'text')
    .addColumn('declarations', 'text')
    .addColumn('self_assessment', 'text')
    .addColumn('last_step', 'text', (c) => c.notNull().defaultTo('profile'))
    .addColumn('submitted_at', 'text')
    .addColumn('decision_level_id', 'integer', (c) => c.references('award_levels.id'))
    .addColumn('decision_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // One application per organisation and cycle: a second would split the reviewers' work.
    .addUniqueConstraint('applications_one_per_cycle', ['cycle_id', 'organisation_id'])
    .execute()
  await db.schema.createIndex('applications_status_idx').on('applications').columns(['cycle_id', 'status']).execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('entity', 'text', (c) => c.notNull().check(sql`entity in ('application', 'score_sheet', 'cycle')`))
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute()
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute()
  // The audit trail is evidence: no one, not even the application, may rewrite or remove it.
  await createTrigger(db, {
    name: 'audit_log_no_update',
    on: 'BEFORE UPDATE ON audit_log',
    abort: 'audit_log is append-only',
  })
  await createTrigger(db, {
    name: 'audit_log_no_delete',
    on: 'BEFORE DELETE ON audit_log',
    abort: 'audit_log is append-only',
  })

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('reviewer_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assignments_once', ['application_id', 'reviewer_id'])
    .execute()
  await db.schema.createIndex('assignments_reviewer_idx').on('assignments').column('reviewer_id').execute()

  await db.schema
    .createTable('score_sheets')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('assignment_id', 'integer', (c) => c.notNull().unique().references('assignments.id'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .execute()

  await db.schema
    .createTable('item_scores')
    .addColumn('sheet_id', 'integer', (c) => c.notNull().references('score_sheets.id'))
    .addColumn('item_id', 'integer', (c) => c.notNull().references('criteria_items.id'))
    // Percentages in 5 % steps, as GB/T 19580 scoring prescribes.
    .addColumn('percentage', 'integer', (c) =>
      c.notNull().check(sql`percentage between 0 and 100 and percentage % 5 = 0`),
    )
    .addPrimaryKeyConstraint('item_scores_pk', ['sheet_id', 'item_id'])
    .execute()

  await db.schema
    .createTable('category_comments')
    .addColumn('sheet_id', 'integer', (c) => c.notNull().references('score_sheets.id'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('criteria_categories.id'))
    .addColumn('strengths', 'text', (c) => c.notNull())
    .addColumn('opportunities', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('category_comments_pk', ['sheet_id', 'category_id'])
    .execute()

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'outbox',
    'category_comments',
    'item_scores',
    'score_sheets',
    'assignments',
    'audit_log',
    'applications',
    'award_levels',
    'cycle_categories',
    'cycles',
    'criteria_items',
    'criteria_categories',
    'criteria_editions',
    'sessions',
    'users',
    'organisations',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
