import { type Kysely, sql } from 'kysely'

/**
 * Standings from stored totals, not item rows: each submitted sheet keeps its total and its results (4.7) and
 * leadership (4.1) points, in hundredths, written when it is submitted; each consensus round keeps its agreed
 * sheet's the same way. A cycle's ranking then reads one row per sheet instead of 23. Existing sheets and rounds
 * are totalled here from their items, with the same arithmetic (percentage × item points).
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['score_sheets', 'consensus_rounds']) {
    for (const column of ['total', 'results', 'leadership'])
      await db.schema.alterTable(table).addColumn(column, 'integer').execute()
  }
  await backfillTotals(db)
  await db.schema
    .createIndex('score_sheets_status_idx')
    .on('score_sheets')
    .columns(['status', 'assignment_id'])
    .execute()
}

/** Totals of every submitted sheet and consensus round from their item rows (exported for its test). */
export async function backfillTotals(db: Kysely<any>): Promise<void> {
  const points = (rows: string, key: string, code: string | null) =>
    sql.raw(`(
    select coalesce(sum(s.percentage * i.points), 0) from ${rows} s
    join criteria_items i on i.id = s.item_id join criteria_categories c on c.id = i.category_id
    where s.${key}${code ? ` and c.code = '${code}'` : ''})`)
  await sql`update score_sheets set total = ${points('item_scores', 'sheet_id = score_sheets.id', null)},
    results = ${points('item_scores', 'sheet_id = score_sheets.id', '4.7')},
    leadership = ${points('item_scores', 'sheet_id = score_sheets.id', '4.1')}
    where status = 'submitted'`.execute(db)
  await sql`update consensus_rounds set total = ${points('consensus_scores', 'application_id = consensus_rounds.application_id', null)},
    results = ${points('consensus_scores', 'application_id = consensus_rounds.application_id', '4.7')},
    leadership = ${points('consensus_scores', 'application_id = consensus_rounds.application_id', '4.1')}`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('score_sheets_status_idx').execute()
  for (const table of ['score_sheets', 'consensus_rounds']) {
    for (const column of ['total', 'results', 'leadership'])
      await db.schema.alterTable(table).dropColumn(column).execute()
  }
}
