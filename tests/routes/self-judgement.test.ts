import { describe, expect, it } from 'vitest'
import { getCriteriaTree } from '../../db/repositories/criteria'
import * as page from '~/routes/admin.analytics'
import { inDocumentReview, submitSheet, world, type World } from '../integration/helpers'
import { args, get, respond } from './http'

/** The draft's self-assessment with a self-score for each item (or the first `scored` items only). */
async function selfScored(w: World, applicationId: number, percent: string, scored?: number) {
  const itemCount = (await getCriteriaTree(w.db, w.cycle.edition_id)).categories.flatMap((c) => c.items).length
  const row = await w.db
    .selectFrom('application_texts')
    .select('self_assessment')
    .where('application_id', '=', applicationId)
    .executeTakeFirstOrThrow()
  const selfScores = Array.from({ length: itemCount }, (_, i) => (i < (scored ?? itemCount) ? percent : ''))
  await w.db
    .updateTable('application_texts')
    .set({ self_assessment: JSON.stringify({ ...JSON.parse(row.self_assessment!), selfScores }) })
    .where('application_id', '=', applicationId)
    .execute()
}

describe('applicants\u2019 self-assessment against the experts, in the analytics (issue 23)', () => {
  it('keeps the self-assessed total at submission and compares it with the experts\u2019 score per category', async () => {
    const w = await world()
    // 甲公司 rated itself 80 % everywhere (800 points), the experts 70 % (700): 100 points over.
    const a = await inDocumentReview(w, w.applicant, undefined, {
      categoryCode: 'economy',
      beforeSubmit: (draft) => selfScored(w, draft.id, '80'),
    })
    // 乙公司 scored itself on three items only: counted apart, not compared.
    const b = await inDocumentReview(w, w.otherApplicant, undefined, {
      categoryCode: 'economy',
      beforeSubmit: (draft) => selfScored(w, draft.id, '50', 3),
    })
    expect(
      await w.db
        .selectFrom('application_self_totals')
        .selectAll()
        .where('application_id', 'in', [a.id, b.id])
        .execute(),
    ).toEqual(
      expect.arrayContaining([
        { application_id: a.id, items_scored: 23, points: 80_000 },
        { application_id: b.id, items_scored: 3, points: null },
      ]),
    )
    for (const reviewer of w.reviewers.slice(0, 3)) {
      await submitSheet(w, a.id, reviewer, 70)
      await submitSheet(w, b.id, reviewer, 60)
    }
    const data = (await (
      await respond(async () => page.loader(args(await get('/admin/analytics', w.admin.userId))))
    ).json()) as { selfJudgement: { rows: Array<Record<string, unknown>>; partly: number; none: number } }
    expect(data.selfJudgement.partly).toBe(1)
    expect(data.selfJudgement.rows).toEqual([
      expect.objectContaining({
        categoryCode: 'economy',
        applicants: 1,
        meanSelf: '800.00',
        meanExperts: '700.00',
        over: 1,
      }),
      expect.objectContaining({ categoryCode: null, applicants: 1, meanGap: '100.00', over: 1, within: 0, under: 0 }),
    ])
  })
})
