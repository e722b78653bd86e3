import { type Kysely, sql } from 'kysely'

/**
 * 申报受理 as a stage of its own: intake is open until the deadline or until it is closed (by the secretariat, or
 * by the first cycle-wide stage: notice, approval, publication). A cycle whose results are already published had
 * its intake end then; one on notice or approved, when that started (its history does not say, so the cycle's
 * creation time stands in, which only matters for display).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').addColumn('intake_closed_at', 'text').execute()
  await sql`update cycles set intake_closed_at = results_published_at where results_published_at is not null`.execute(
    db,
  )
  await sql`update cycles set intake_closed_at = created_at
    where intake_closed_at is null and exists (
      select 1 from applications a where a.cycle_id = cycles.id
      and a.status in ('publicNotice', 'approved', 'published'))`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('cycles').dropColumn('intake_closed_at').execute()
}
