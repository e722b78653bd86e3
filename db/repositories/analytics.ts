import { sql } from 'kysely'
import type { Executor } from './types'

/**
 * The figures behind the secretariat's analytics (统计分析): read from the stored sheet totals and standings
 * (hundredths of a point), never from item scores, so they stay cheap at 50,000 sheets.
 */

function submittedSheetsOfCycle(db: Executor, cycleId: number) {
  return (
    db
      .selectFrom('score_sheets')
      .innerJoin('assignments', 'assignments.id', 'score_sheets.assignment_id')
      .innerJoin('applications', 'applications.id', 'assignments.application_id')
      .where('applications.cycle_id', '=', cycleId)
      .where('score_sheets.status', '=', 'submitted')
      .where('assignments.recused_at', 'is', null)
      // Nor a sheet taken out after submission.
      .where('assignments.status', '!=', 'removed')
      .where('score_sheets.total', 'is not', null)
  )
}

export interface SheetSpread {
  applicationId: number
  organisation: string
  sheets: number
  min: number
  max: number
  /** Each reviewer's total, reviewer by name. */
  totals: Array<{ reviewer: string; total: number }>
}

/** The applications whose reviewers' totals lie furthest apart (two sheets or more), widest first. */
export async function widestSpreads(db: Executor, cycleId: number, limit: number): Promise<SheetSpread[]> {
  const rows = await submittedSheetsOfCycle(db, cycleId)
    .innerJoin('organisations', 'organisations.id', 'applications.organisation_id')
    .select((eb) => [
      'applications.id as applicationId',
      'organisations.name as organisation',
      eb.fn.countAll<number>().as('sheets'),
      eb.fn.min<number>('score_sheets.total').as('min'),
      eb.fn.max<number>('score_sheets.total').as('max'),
    ])
    .groupBy(['applications.id', 'organisations.name'])
    .having((eb) => eb.fn.countAll(), '>=', 2)
    .orderBy(sql`max(score_sheets.total) - min(score_sheets.total)`, 'desc')
    .orderBy('applications.id')
    .limit(limit)
    .execute()
  if (rows.length === 0) return []
  const totals = await submittedSheetsOfCycle(db, cycleId)
    .innerJoin('users', 'users.id', 'assignments.reviewer_id')
    .select(['applications.id as applicationId', 'users.display_name as reviewer', 'score_sheets.total'])
    .where(
      'applications.id',
      'in',
      rows.map((r) => r.applicationId),
    )
    .orderBy('score_sheets.total')
    .execute()
  return rows.map((row) => ({
    ...row,
    sheets: Number(row.sheets),
    totals: totals
      .filter((t) => t.applicationId === row.applicationId)
      .map((t) => ({ reviewer: t.reviewer, total: t.total! })),
  }))
}

export interface ReviewerLeniency {
  reviewerId: number
  reviewer: string
  sheets: number
  mean: number
  /** Standard deviation of the reviewer's totals. */
  spread: number
}

/** Each reviewer's mean and spread of totals this cycle, and the cycle's mean over every sheet. */
export async function reviewerLeniency(
  db: Executor,
  cycleId: number,
): Promise<{ cycleMean: number | null; sheets: number; reviewers: ReviewerLeniency[] }> {
  const [rows, cycle] = await Promise.all([
    submittedSheetsOfCycle(db, cycleId)
      .innerJoin('users', 'users.id', 'assignments.reviewer_id')
      .select((eb) => [
        'assignments.reviewer_id as reviewerId',
        'users.display_name as reviewer',
        eb.fn.countAll<number>().as('sheets'),
        eb.fn.avg<number>('score_sheets.total').as('mean'),
        eb.fn.avg<number>(sql`score_sheets.total * score_sheets.total`).as('meanSquare'),
      ])
      .groupBy(['assignments.reviewer_id', 'users.display_name'])
      .orderBy('users.display_name')
      .execute(),
    submittedSheetsOfCycle(db, cycleId)
      .select((eb) => [eb.fn.countAll<number>().as('sheets'), eb.fn.avg<number>('score_sheets.total').as('mean')])
      .executeTakeFirstOrThrow(),
  ])
  return {
    cycleMean: cycle.mean === null ? null : Number(cycle.mean),
    sheets: Number(cycle.sheets),
    reviewers: rows.map((row) => {
      const mean = Number(row.mean)
      // Population standard deviation from the mean of squares; max(0) against rounding just below zero.
      return {
        reviewerId: row.reviewerId,
        reviewer: row.reviewer,
        sheets: Number(row.sheets),
        mean,
        spread: Math.sqrt(Math.max(0, Number(row.meanSquare) - mean * mean)),
      }
    }),
  }
}

/** Document scores (stored standings) per category in bins of `binWidth` hundredths, 0 up to 1,000 points. */
export async function scoreHistogram(
  db: Executor,
  cycleId: number,
  binWidth: number,
): Promise<Array<{ category: string | null; bin: number; count: number }>> {
  const lastBin = Math.ceil(100_000 / binWidth) - 1
  const rows = await db
    .selectFrom('application_standings')
    .innerJoin('applications', 'applications.id', 'application_standings.application_id')
    .select((eb) => [
      'applications.category_code as category',
      // A full 1,000 points falls into the last bin, not one past it.
      // CASE, not SQLite's two-argument min/max (PostgreSQL spells them least/greatest). Scores are never negative.
      sql<number>`case when cast(application_standings.score / ${binWidth} as integer) > ${lastBin} then ${lastBin}
        else cast(application_standings.score / ${binWidth} as integer) end`.as('bin'),
      eb.fn.countAll<number>().as('count'),
    ])
    .where('application_standings.cycle_id', '=', cycleId)
    .where('application_standings.score', 'is not', null)
    .groupBy(['applications.category_code', sql`2`])
    .execute()
  return rows.map((r) => ({ category: r.category, bin: Number(r.bin), count: Number(r.count) }))
}
