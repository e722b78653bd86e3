import { type Kysely, sql } from 'kysely'

/**
 * The award's offices (issue 22): which of the bodies the award's rules name a staff account works for —
 * 秘书处 (secretariat), 评审机构 (review agency), 评定委员会 (committee), 监督 (supervision). An account may hold
 * more than one (a small secretariat also runs the review); which office may do which act is a table in
 * workflows/account/duties.ts. Staff accounts already there keep every duty they had (secretariat, agency and
 * committee) until the secretariat narrows them. The audit records the offices its actor held when acting.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_offices')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('office', 'text', (col) =>
      col.notNull().check(sql`office in ('secretariat', 'agency', 'committee', 'supervisor')`),
    )
    .addPrimaryKeyConstraint('user_offices_pk', ['user_id', 'office'])
    .execute()
  for (const office of ['secretariat', 'agency', 'committee'])
    await sql`insert into user_offices (user_id, office) select id, ${office} from users where role = 'admin'`.execute(
      db,
    )
  await db.schema.alterTable('audit_log').addColumn('actor_offices', 'text').execute()
  // Who gave whom which offices, when: the staff accounts' own record (invitation, each change).
  await db.schema
    .createTable('office_changes')
    .addColumn('id', 'integer', (col) => col.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('actor_user_id', 'integer', (col) => col.references('users.id'))
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('event', 'text', (col) => col.notNull().check(sql`event in ('invited', 'officesChanged')`))
    .addColumn('offices_before', 'text', (col) => col.notNull())
    .addColumn('offices_after', 'text', (col) => col.notNull())
    .execute()
  await db.schema.createIndex('office_changes_user_idx').on('office_changes').columns(['user_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('office_changes').execute()
  await db.schema.alterTable('audit_log').dropColumn('actor_offices').execute()
  await db.schema.dropTable('user_offices').execute()
}
