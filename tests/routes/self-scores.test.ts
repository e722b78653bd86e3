/**
 * Issue 23: self-scoring and the gap. The applicant scores itself per item in the self-assessment step (the experts'
 * 5 % steps, optional); the experts never see those scores; once the results are published the feedback report
 * sets each beside the experts' median and range, the largest gaps first, with the points per category.
 */
import { describe, expect, it } from 'vitest'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step/route'
import * as applicantView from '~/routes/applicant.applications.$id._index'
import * as reviewSheet from '~/routes/review.applications.$id'
import {
  acceptInvitation,
  approveAndPublish,
  decideLevel,
  inDocumentReview,
  submitSheet,
  world,
} from '../integration/helpers'
import { args, get, post, respond } from './http'
import { textOf } from './pdf-text'
import * as feedbackPdf from '~/routes/applicant.applications.$id.feedback[.]pdf'

describe('self-scores against the experts', () => {
  it('keeps the applicant’s own scores from the experts, and sets them beside the experts’ in the feedback report', async () => {
    const w = await world()
    const saveStep = async (id: number, scores: Record<string, string>, version: number) =>
      respond(async () =>
        applicantEdit.action(
          args(
            await post(
              `/applicant/applications/${id}/edit/selfAssessment`,
              {
                ...Object.fromEntries(w.tree.categories.map((_, i) => [`sections.${i}`, `第${i + 1}部分自评。`])),
                ...scores,
                version: String(version),
              },
              { userId: w.applicant.userId },
            ),
            { id: String(id), step: 'selfAssessment' },
          ),
        ),
      )
    const draft = await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 3), {
      beforeSubmit: async ({ id, version }) => {
        // Not a step of 5 %: refused beside the field, nothing saved.
        const refused = await saveStep(id, { 'selfScores.0': '33' }, version)
        expect(refused.status).toBe(400)
        expect(await refused.json()).toMatchObject({ fieldErrors: { 'selfScores.0': 'errors.choose' } })
        expect((await loadApplicationForUpdate(w.db, id))!.version).toBe(version)
        // The first item at 95 %, the second at 50 %, the rest left unscored.
        expect((await saveStep(id, { 'selfScores.0': '95', 'selfScores.1': '50' }, version)).status).toBe(302)
        const stored = JSON.parse((await loadApplicationForUpdate(w.db, id))!.self_assessment!) as {
          selfScores: string[]
        }
        expect(stored.selfScores.slice(0, 2)).toEqual(['95', '50'])
      },
    })

    // The expert reading the application sees the self-assessment's text, never the self-scores.
    await acceptInvitation(w, draft.id, w.reviewers[0]!)
    const seen = await (
      await respond(async () =>
        reviewSheet.loader(
          args(await get(`/review/applications/${draft.id}`, w.reviewers[0]!.userId), { id: String(draft.id) }),
        ),
      )
    ).text()
    expect(seen).toContain('第1部分自评。')
    expect(seen).not.toContain('selfScores')
    expect(seen).not.toContain('"95"')

    const page = async () =>
      JSON.parse(
        await (
          await respond(async () =>
            applicantView.loader(
              args(await get(`/applicant/applications/${draft.id}`, w.applicant.userId), { id: String(draft.id) }),
            ),
          )
        ).text(),
      )
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, draft.id, reviewer, 70)
    await decideLevel(w, draft.id, 'silver', '委员会审定')
    // Before publication the comparison, like the rest of the feedback, is not there.
    expect((await page()).selfScores).toBeNull()
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2030-01-07T02:00:00.000Z' })
    await approveAndPublish(w, '2030-01-14T00:00:00.000Z')
    const { selfScores } = await page()
    const [first, second] = w.tree.categories[0]!.items
    expect(selfScores.items).toEqual([
      expect.objectContaining({ code: first!.code, self: 95, median: 70, min: 70, max: 70, gap: 25 }),
      expect.objectContaining({ code: second!.code, self: 50, median: 70, min: 70, max: 70, gap: -20 }),
    ])
    expect(selfScores.categories).toEqual([
      {
        code: w.tree.categories[0]!.code,
        selfPoints: ((95 * first!.points + 50 * second!.points) / 100).toFixed(2),
        expertPoints: ((70 * (first!.points + second!.points)) / 100).toFixed(2),
        gapPoints: expect.stringMatching(/^[+-]\d+\.\d\d$/),
      },
    ])
    expect(selfScores.meanAbsoluteGap).toBe(22.5)
    // The PDF of the feedback report carries the same comparison.
    const pdf = await textOf(
      await respond(async () =>
        feedbackPdf.loader(
          args(await get(`/applicant/applications/${draft.id}/feedback.pdf`, w.applicant.userId), {
            id: String(draft.id),
          }),
        ),
      ),
    )
    expect(pdf).toContain('自评分与专家评分对照')
    expect(pdf).toMatch(new RegExp(`${first!.code.replace(/\./g, '\\.')} .*95%\\s*70%\\s*70–70%\\s*\\+25`))
  })
})
