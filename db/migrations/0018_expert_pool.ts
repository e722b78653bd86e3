import { type Kysely, sql } from 'kysely'
import { continueIds, createTrigger, idColumn, integerType } from './portable'

/**
 * The expert pool and the random draw (专家库与随机抽取):
 * - experts: one per reviewer account, with kind, fields, industries, current employer and qualification;
 *   expert_relations: former employers and consulting clients (with end dates), relatives' employers, competitors.
 * - draws and draw_entries: each draw's seed and candidates, and per application the exclusions with their
 *   reasons and the experts chosen, so that the draw can be replayed.
 * - assignments get a state of their own (invited → accepted | declined | recused → in progress → submitted, or
 *   removed), the draw they came from, and who ended them why. An assignment made before this, without a sheet,
 *   starts as invited: its reviewer declares conflicts before seeing the application again.
 * - cycles: reviewers drawn per application (at least 3, default 5) and a per-expert cap for the cycle.
 * - password_tokens: single-use, expiring links to set a password (invitation) or reset it; only a hash is kept.
 * - audit_log may now record assignments and experts (the table is rebuilt: SQLite cannot change a CHECK).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('experts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().unique().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('examiner', 'industryExpert')`))
    .addColumn('fields', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('industries', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('employer_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('employer_uscc', 'text')
    .addColumn('qualification', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`active in (0, 1)`),
    )
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('expert_relations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('expert_id', 'integer', (c) => c.notNull().references('experts.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('formerEmployer', 'consultingClient', 'relativeEmployer', 'competitor')`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('uscc', 'text')
    .addColumn('ended_on', 'text')
    .execute()
  await db.schema.createIndex('expert_relations_by_expert').on('expert_relations').column('expert_id').execute()
  // Every reviewer account so far becomes an examiner of the pool, with what it had as expertise.
  await sql`insert into experts (user_id, kind, fields, updated_at)
    select id, 'examiner', coalesce(expertise, ''), created_at from users where role = 'reviewer'`.execute(db)

  await db.schema
    .createTable('draws')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('cycle_id', 'integer', (c) => c.notNull().references('cycles.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('draw', 'redraw')`))
    .addColumn('seed', 'integer', (c) => c.notNull())
    .addColumn('per_application', 'integer', (c) => c.notNull())
    .addColumn('load_cap', 'integer', (c) => c.notNull())
    .addColumn('candidates', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('draw_entries')
    .addColumn('draw_id', 'integer', (c) => c.notNull().references('draws.id'))
    .addColumn('application_id', 'integer', (c) => c.notNull().references('applications.id'))
    .addColumn('exclusions', 'text', (c) => c.notNull())
    .addColumn('chosen', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('draw_entries_pk', ['draw_id', 'application_id'])
    .execute()
  await db.schema.createIndex('draw_entries_by_application').on('draw_entries').column('application_id').execute()

  await db.schema
    .alterTable('assignments')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('invited'))
    .execute()
  await db.schema
    .alterTable('assignments')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute()
  await db.schema
    .alterTable('assignments')
    .addColumn('draw_id', 'integer', (c) => c.references('draws.id'))
    .execute()
  await db.schema.alterTable('assignments').addColumn('responded_at', 'text').execute()
  await db.schema.alterTable('assignments').addColumn('ended_at', 'text').execute()
  await db.schema.alterTable('assignments').addColumn('end_reason', 'text').execute()
  await db.schema.alterTable('assignments').addColumn('due_date', 'text').execute()
  await sql`update assignments set
    status = case
      when recused_at is not null then 'recused'
      when exists (select 1 from score_sheets s where s.assignment_id = assignments.id and s.status = 'submitted') then 'submitted'
      when exists (select 1 from score_sheets s where s.assignment_id = assignments.id) then 'inProgress'
      else 'invited' end,
    ended_at = recused_at,
    end_reason = recusal_reason`.execute(db)
  await db.schema
    .createIndex('assignments_by_reviewer_status')
    .on('assignments')
    .columns(['reviewer_id', 'status'])
    .execute()

  await db.schema
    .alterTable('cycles')
    .addColumn('reviewers_per_application', 'integer', (c) => c.notNull().defaultTo(5))
    .execute()
  await db.schema
    .alterTable('cycles')
    .addColumn('expert_load_cap', 'integer', (c) => c.notNull().defaultTo(20))
    .execute()

  await db.schema
    .createTable('password_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('invitation', 'reset')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute()

  await sql`create table audit_log_new (
    id ${sql.raw(idColumn(db))},
    entity text not null check (entity in ('application', 'score_sheet', 'cycle', 'assignment', 'expert')),
    entity_id ${sql.raw(integerType(db))} not null,
    actor_user_id ${sql.raw(integerType(db))} references users (id),
    at text not null,
    from_state text,
    to_state text not null,
    event text not null,
    reason text)`.execute(db)
  await sql`insert into audit_log_new select id, entity, entity_id, actor_user_id, at, from_state, to_state, event, reason from audit_log`.execute(
    db,
  )
  await sql`drop table audit_log`.execute(db)
  await sql`alter table audit_log_new rename to audit_log`.execute(db)
  await continueIds(db, 'audit_log')
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity', 'entity_id']).execute()
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

export async function down(): Promise<void> {
  throw new Error('0018_expert_pool cannot be undone: restore a backup taken before it instead')
}
