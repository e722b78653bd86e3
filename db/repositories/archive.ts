import { sql } from 'kysely'
import type { Executor } from './types'

/**
 * Which rows belong to a cycle, table by table (issue 22: the archive lists every row of the cycle): the cycle's
 * own, those of its applications, of their sheets, draws and objections, and the audit entries of all of these.
 * Each is a subquery on a parent the list has already named, so the list reads as the cycle's tree. Secrets stay out
 * (the ledger's salts, password hashes, sessions); the people named (experts, members, applicants' accounts) are
 * given by id, name and e-mail only.
 */
const applications = 'select id from applications where cycle_id = :cycle'
const sheets = `select id from score_sheets where assignment_id in (select id from assignments where cycle_id = :cycle)`
export const archivedTables: ReadonlyArray<{ table: string; where: string }> = [
  { table: 'cycles', where: 'id = :cycle' },
  { table: 'cycle_categories', where: 'cycle_id = :cycle' },
  { table: 'award_levels', where: 'cycle_id = :cycle' },
  { table: 'cycle_required_evidence', where: 'cycle_id = :cycle' },
  { table: 'applications', where: 'cycle_id = :cycle' },
  { table: 'application_texts', where: `application_id in (${applications})` },
  { table: 'application_self_totals', where: `application_id in (${applications})` },
  { table: 'application_standings', where: 'cycle_id = :cycle' },
  { table: 'attachments', where: `application_id in (${applications})` },
  { table: 'eligibility_confirmations', where: `application_id in (${applications})` },
  { table: 'credit_checks', where: `application_id in (${applications})` },
  { table: 'draws', where: 'cycle_id = :cycle' },
  { table: 'draw_entries', where: 'draw_id in (select id from draws where cycle_id = :cycle)' },
  { table: 'draw_ledger', where: 'cycle_id = :cycle' },
  { table: 'assignments', where: 'cycle_id = :cycle' },
  { table: 'score_sheets', where: `id in (${sheets})` },
  { table: 'item_scores', where: `sheet_id in (${sheets})` },
  { table: 'category_comments', where: `sheet_id in (${sheets})` },
  { table: 'consensus_rounds', where: `application_id in (${applications})` },
  { table: 'consensus_scores', where: `application_id in (${applications})` },
  { table: 'consensus_agreements', where: `application_id in (${applications})` },
  { table: 'panel_draws', where: `application_id in (${applications})` },
  { table: 'panel_members', where: `application_id in (${applications})` },
  { table: 'defences', where: `application_id in (${applications})` },
  { table: 'defence_sheets', where: `application_id in (${applications})` },
  {
    table: 'defence_scores',
    where: `sheet_id in (select id from defence_sheets where application_id in (${applications}))`,
  },
  { table: 'site_visits', where: `application_id in (${applications})` },
  { table: 'site_visit_items', where: `application_id in (${applications})` },
  { table: 'site_visit_findings', where: `application_id in (${applications})` },
  { table: 'social_answers', where: `application_id in (${applications})` },
  { table: 'committee_votes', where: `application_id in (${applications})` },
  { table: 'committee_recusals', where: `application_id in (${applications})` },
  { table: 'committee_tallies', where: `application_id in (${applications})` },
  // The committee members' declared ties (not a cycle's rows, and few): all of them, withdrawn ones included, so
  // that who was excluded from which vote can be worked out again from the archive alone.
  { table: 'committee_member_ties', where: '1 = 1' },

  { table: 'objections', where: `application_id in (${applications})` },
  {
    table: 'objection_evidence',
    where: `objection_id in (select id from objections where application_id in (${applications}))`,
  },
  { table: 'application_messages', where: `application_id in (${applications})` },
  { table: 'draft_edits', where: `application_id in (${applications})` },
  { table: 'legal_confirmations', where: `application_id in (${applications})` },
  { table: 'expert_ratings', where: 'cycle_id = :cycle' },
  {
    table: 'audit_log',
    where: `(entity = 'cycle' and entity_id = :cycle) or (entity = 'application' and entity_id in (${applications})) or (entity = 'assignment' and entity_id in (select id from assignments where cycle_id = :cycle)) or (entity = 'score_sheet' and entity_id in (${sheets}))`,
  },
]

/** Every row of the cycle, table by table, in each table's order of insertion (rowid / primary key). */
export async function rowsOfCycle(db: Executor, cycleId: number): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {}
  for (const { table, where } of archivedTables) {
    const [before, ...rest] = where.split(':cycle')
    const condition = rest.reduce((query, part) => sql`${query}${cycleId}${sql.raw(part)}`, sql.raw(before!))
    rows[table] = (await sql`select * from ${sql.table(table)} where ${condition}`.execute(db)).rows
  }
  // The people named in the cycle's records: id, name, e-mail and role (no password hash, no second factor).
  rows.people = (
    await sql`select id, email, display_name, role, organisation_id from users order by id`.execute(db)
  ).rows
  return rows
}

export async function insertArchive(
  db: Executor,
  archive: {
    cycleId: number
    builtAt: string
    builtBy: number
    folder: string
    manifestSha256: string
    files: number
    bytes: number
  },
): Promise<number> {
  const row = await db
    .insertInto('cycle_archives')
    .values({
      cycle_id: archive.cycleId,
      built_at: archive.builtAt,
      built_by: archive.builtBy,
      folder: archive.folder,
      manifest_hash: archive.manifestSha256,
      files: archive.files,
      bytes: archive.bytes,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export function listArchives(db: Executor) {
  return db
    .selectFrom('cycle_archives')
    .innerJoin('cycles', 'cycles.id', 'cycle_archives.cycle_id')
    .leftJoin('users', 'users.id', 'cycle_archives.built_by')
    .select([
      'cycle_archives.id',
      'cycle_archives.cycle_id',
      'cycle_archives.built_at',
      'cycle_archives.files',
      'cycle_archives.bytes',
      'cycle_archives.manifest_hash',
      'cycle_archives.folder',
      'cycles.year',
      'cycles.name_zh',
      'cycles.name_en',
      'users.display_name as built_by_name',
      (eb) =>
        eb
          .selectFrom('archive_downloads')
          .whereRef('archive_downloads.archive_id', '=', 'cycle_archives.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('downloads'),
    ])
    .orderBy('cycle_archives.id', 'desc')
    .execute()
}

export function getArchive(db: Executor, id: number) {
  return db.selectFrom('cycle_archives').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function recordDownload(db: Executor, archiveId: number, userId: number, at: string): Promise<void> {
  await db.insertInto('archive_downloads').values({ archive_id: archiveId, user_id: userId, at }).execute()
}
