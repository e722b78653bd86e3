/**
 * Issue 17, finding 1(c): a conflict found after an expert submitted left the sheet counted. The secretariat takes
 * the sheet out: it stays on the record (the assignment marked removed, with the reason, and the sheet row kept),
 * the standing no longer counts it, a scored application goes back to document review, a replacement is drawn, and
 * its sheet completes the review again. Not once the score has been used (shortlist, consensus, decision).
 */
import { describe, expect, it } from 'vitest'
import { listAudit } from '../../db/repositories/audit'
import { listSubmittedSheetTotals } from '../../db/repositories/review'
import { applicationStandings } from '../../workflows/review/standings.server'
import { removeAssignment } from '../../workflows/review/review.server'
import { inDocumentReview, rejection, shortlistEconomy, submitSheet, world } from './helpers'

async function scoredWithThreeSheets(percentages = [90, 60, 60]) {
  const w = await world()
  // Three experts an application, a shortlist stage: the pool's fourth expert is the one a redraw can find.
  await w.db
    .updateTable('cycles')
    .set({ reviewers_per_application: 3, shortlist_size: 3 })
    .where('id', '=', w.cycle.id)
    .execute()
  const app = await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 3), { categoryCode: 'economy' })
  for (const [i, percentage] of percentages.entries()) await submitSheet(w, app.id, w.reviewers[i]!, percentage)
  const conflicted = await w.db
    .selectFrom('assignments')
    .select('id')
    .where('application_id', '=', app.id)
    .where('reviewer_id', '=', w.reviewers[0]!.userId)
    .executeTakeFirstOrThrow()
  const status = async () =>
    (await w.db.selectFrom('applications').select('status').where('id', '=', app.id).executeTakeFirstOrThrow()).status
  return { w, app, conflicted, status }
}

describe('a conflict found after the expert submitted', () => {
  it('takes the sheet out of the standing, keeps it on the record, reopens the review and redraws', async () => {
    const { w, app, conflicted, status } = await scoredWithThreeSheets()
    expect(await status()).toBe('scored')
    expect((await applicationStandings(w.db, app.id)).sheetTotals).toHaveLength(3)

    const reason = '评后核实：该专家近三年曾为申报单位提供咨询'
    const outcome = await removeAssignment(w.db, { assignmentId: conflicted.id, actor: w.admin, reason, redraw: true })
    expect(outcome.redrawn).toBe(true)
    expect(await status()).toBe('documentReview')
    // On the record: the assignment removed with its reason, the sheet row kept as submitted.
    const removed = await w.db
      .selectFrom('assignments')
      .leftJoin('score_sheets', 'score_sheets.assignment_id', 'assignments.id')
      .select(['assignments.status', 'assignments.end_reason', 'score_sheets.status as sheet_status'])
      .where('assignments.id', '=', conflicted.id)
      .executeTakeFirstOrThrow()
    expect(removed).toEqual({ status: 'removed', end_reason: reason, sheet_status: 'submitted' })
    expect((await listAudit(w.db, 'application', app.id)).map((row) => row.event)).toContain('REOPEN_DOCUMENT_REVIEW')
    // Out of the standing: the two other sheets only.
    expect((await listSubmittedSheetTotals(w.db, { applicationId: app.id })).length).toBe(2)
    expect((await applicationStandings(w.db, app.id)).sheetTotals).toHaveLength(2)
    // The replacement (the pool's fourth expert) scores; the review completes again on three counted sheets.
    const replacement = await w.db
      .selectFrom('assignments')
      .select(['reviewer_id', 'status'])
      .where('application_id', '=', app.id)
      .where('status', '=', 'invited')
      .executeTakeFirstOrThrow()
    expect(replacement.reviewer_id).toBe(w.reviewers[3]!.userId)
    await submitSheet(w, app.id, w.reviewers[3]!, 60)
    expect(await status()).toBe('scored')
    expect((await applicationStandings(w.db, app.id)).sheetTotals).toHaveLength(3)
  })

  it('is refused once the score has been used: after the shortlist', async () => {
    // Close enough that no consensus round is needed before the shortlist.
    const { w, app, conflicted, status } = await scoredWithThreeSheets([70, 70, 70])
    await shortlistEconomy(w, [app.id])
    const refused = await rejection(
      removeAssignment(w.db, { assignmentId: conflicted.id, actor: w.admin, reason: '评后发现冲突', redraw: true }),
    )
    expect(refused.messageKey).toBe('errors.sheetAlreadyUsed')
    expect(await status()).toBe('shortlisted')
    const assignment = await w.db
      .selectFrom('assignments')
      .select('status')
      .where('id', '=', conflicted.id)
      .executeTakeFirstOrThrow()
    expect(assignment.status).toBe('submitted')
  })
})
