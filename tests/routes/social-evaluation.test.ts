import { describe, expect, it } from 'vitest'
import { createStaffAccount } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import type { Office } from '../../db/schema'
import { decideApplication } from '../../workflows/application/application.server'
import type { Actor } from '../../workflows/application/application.policy'
import * as socialAnswer from '~/routes/admin.applications.$id.social-answer'
import * as socialLetter from '~/routes/admin.applications.$id.social-letters.$department'
import * as committee from '~/routes/admin.committee'
import { inDocumentReview, levelIdOf, rejection, submitSheet, world, type World } from '../integration/helpers'
import { args, get, respond, upload } from './http'

/** 社会评价 (issue 22): the departments' answers on a candidate, and an adverse one before the committee. */
const staff = (w: World, office: Office) =>
  createStaffAccount(w.db, {
    role: 'admin',
    name: office,
    email: `${office}-social-${w.cycle.year}@t.example`,
    password: 'password-123',
    offices: [office],
  })

const letter = (text = '复函') => new File([`%PDF-1.7\n% ${text}\n`], '部门复函.pdf', { type: 'application/pdf' })

/** An answer as the agency enters it: the form's fields and the department's letter (none: an empty file field). */
async function answer(actor: Actor, id: number, fields: Record<string, string>, file: File | null = letter()) {
  return respond(async () =>
    socialAnswer.action(
      args(
        await upload(`/admin/applications/${id}/social-answer`, file ?? new File([], ''), fields, {
          userId: actor.userId,
        }),
        { id: String(id) },
      ),
    ),
  )
}

const answersOf = (w: World, id: number) =>
  w.db
    .selectFrom('social_answers')
    .select(['department', 'answer', 'note', 'letter_ref', 'letter_filename'])
    .where('application_id', '=', id)
    .orderBy('department')
    .execute()

describe('the social evaluation (issue 22)', () => {
  it('the agency records each department’s answer from its letter; an adverse one needs a note', async () => {
    const w = await world()
    const [agency, member] = [await staff(w, 'agency'), await staff(w, 'committee')]
    const app = await inDocumentReview(w)
    // Before the committee has the file, there is nothing to ask the departments about.
    expect((await answer(agency, app.id, { department: 'tax', answer: 'clear' })).status).toBe(409)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 80)

    const clear = await answer(agency, app.id, { department: 'tax', answer: 'clear', letterRef: '深税函〔2026〕12号' })
    expect(clear.status).toBe(302)
    const noNote = await answer(agency, app.id, { department: 'environment', answer: 'adverse', note: '  ' })
    expect(noNote.status).toBe(400)
    expect(((await noNote.json()) as { fieldErrors: Record<string, string> }).fieldErrors.note).toBe(
      'social.adverseNeedsNote',
    )
    expect((await answer(agency, app.id, { department: 'weather', answer: 'clear' })).status).toBe(400)
    expect((await answer(member, app.id, { department: 'labour', answer: 'clear' })).status).toBe(403)
    expect(await answersOf(w, app.id)).toEqual([
      {
        department: 'tax',
        answer: 'clear',
        note: '',
        letter_ref: '深税函〔2026〕12号',
        letter_filename: '部门复函.pdf',
      },
    ])
    const audit = await w.db
      .selectFrom('audit_log')
      .select(['event', 'reason', 'actor_offices'])
      .where('entity', '=', 'application')
      .where('entity_id', '=', app.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(audit).toEqual({ event: 'SOCIAL_EVALUATION', reason: 'tax: clear', actor_offices: 'agency' })

    // The letter goes with the answer: none, none recorded; a file that is no PDF or image, refused.
    const noLetter = await answer(agency, app.id, { department: 'labour', answer: 'clear' }, null)
    expect(noLetter.status).toBe(400)
    expect(await noLetter.json()).toMatchObject({ fieldErrors: { file: 'social.letterRequired' } })
    const notPdf = new File(['MZ executable'], '复函.pdf', { type: 'application/pdf' })
    expect((await answer(agency, app.id, { department: 'labour', answer: 'clear' }, notPdf)).status).toBe(400)
    expect((await answersOf(w, app.id)).map((a) => a.department)).toEqual(['tax'])
    // A correction may keep the letter on file.
    expect((await answer(agency, app.id, { department: 'tax', answer: 'clear', note: '补充说明' }, null)).status).toBe(
      302,
    )
    // The staff read the letter; the applicant never.
    const download = async (userId: number) =>
      respond(async () =>
        socialLetter.loader(
          args(await get(`/admin/applications/${app.id}/social-letters/tax`, userId), {
            id: String(app.id),
            department: 'tax',
          }),
        ),
      )
    const file = await download(member.userId)
    expect(file.status).toBe(200)
    expect(await file.text()).toBe('%PDF-1.7\n% 复函\n')
    expect((await download(w.applicant.userId)).status).not.toBe(200)
    expect(
      (
        await respond(async () =>
          socialLetter.loader(
            args(await get(`/admin/applications/${app.id}/social-letters/labour`, member.userId), {
              id: String(app.id),
              department: 'labour',
            }),
          ),
        )
      ).status,
    ).toBe(404)
  })

  it('an adverse record stops an award unless the committee gives its reason, and the committee sees it', async () => {
    const w = await world()
    const agency = await staff(w, 'agency')
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 80)
    expect(
      (await answer(agency, app.id, { department: 'environment', answer: 'adverse', note: '2025年超标排放被处罚' }))
        .status,
    ).toBe(302)
    const gold = { id: await levelIdOf(w, 'gold') }
    const decide = async (reason: string) =>
      decideApplication(w.db, {
        applicationId: app.id,
        actor: w.admin,
        expectedVersion: (await loadApplicationForUpdate(w.db, app.id))!.version,
        levelId: gold.id,
        reason,
      })
    expect((await rejection(decide(''))).messageKey).toBe('social.adverseNeedsReason')
    expect((await loadApplicationForUpdate(w.db, app.id))!.status).toBe('scored')

    const page = (await (
      await respond(async () => committee.loader(args(await get('/admin/committee', w.admin.userId))))
    ).json()) as {
      candidates: Array<{ id: number; social: { answered: number; total: number; adverse: unknown[] } }>
    }
    expect(page.candidates.find((c) => c.id === app.id)?.social).toEqual({
      answered: 1,
      total: 6,
      adverse: [{ department: 'environment', note: '2025年超标排放被处罚' }],
    })

    await decide('已整改到位，经核查不影响获奖')
    expect((await loadApplicationForUpdate(w.db, app.id))!.status).toBe('decided')
  })
})
