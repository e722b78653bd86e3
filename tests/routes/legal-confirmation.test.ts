import { describe, expect, it } from 'vitest'
import { completeDraftValues, createCompleteDraft } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { listAudit } from '../../db/repositories/audit'
import { listAttachments } from '../../db/repositories/attachments'
import * as attachments from '~/routes/applicant.applications.$id.attachments'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step/route'
import * as adminApplication from '~/routes/admin.applications.$id/route'
import * as team from '~/routes/applicant.team'
import { type World, world } from '../integration/helpers'
import { args, get, post, respond, upload } from './http'

/** The legal representative's confirmation before submission (法定代表人承诺, issue 22), through the pages. */
const letter = () => new File(['%PDF-1.7\n% 承诺书 signed and sealed\n'], '承诺书.pdf', { type: 'application/pdf' })

async function summary(w: World, id: number, userId = w.applicant.userId) {
  const response = await respond(async () =>
    applicantEdit.loader(
      args(await get(`/applicant/applications/${id}/edit/summary`, userId), { id: String(id), step: 'summary' }),
    ),
  )
  return (await response.json()) as {
    application: { version: number }
    legal: { standing: string; named: string; confirmedBy: string | null; letter: { filename: string } | null }
  }
}

const postSummary = async (id: number, fields: Record<string, string>, userId: number) =>
  respond(async () =>
    applicantEdit.action(
      args(await post(`/applicant/applications/${id}/edit/summary`, fields, { userId }), {
        id: String(id),
        step: 'summary',
      }),
    ),
  )

const uploadLetter = async (id: number, userId: number) =>
  respond(async () =>
    attachments.action(
      args(
        await upload(
          `/applicant/applications/${id}/attachments`,
          letter(),
          { declarationKey: 'legalLetter' },
          { userId },
        ),
        { id: String(id) },
      ),
    ),
  )

const confirm = (id: number, version: number, userId: number, fields: Record<string, string> = {}) =>
  postSummary(
    id,
    { intent: 'confirm', version: String(version), representative: '李明', undertaking: 'on', ...fields },
    userId,
  )

const submit = (id: number, version: number, userId: number) =>
  postSummary(id, { intent: 'submit', version: String(version) }, userId)

describe("the legal representative's confirmation (issue 22)", () => {
  it('is asked for before submission: the name as the profile gives it, the undertaking ticked, the signed letter', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { confirmed: false })
    const id = draft.id
    const before = await summary(w, id)
    expect(before.legal).toMatchObject({ standing: 'none', named: '李明', letter: null })

    const refused = await submit(id, before.application.version, w.applicant.userId)
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ messageKey: 'legal.confirmationMissing' })

    // Each part missing is refused beside its field, in the confirmation's panel, and nothing is recorded.
    const noLetter = await confirm(id, before.application.version, w.applicant.userId)
    expect(await noLetter.json()).toMatchObject({ panel: 'legal', fieldErrors: { letter: 'legal.letterMissing' } })
    expect((await uploadLetter(id, w.applicant.userId)).status).toBe(302)
    const withLetter = await summary(w, id)
    expect(withLetter.legal.letter).toMatchObject({ filename: '承诺书.pdf' })
    const version = withLetter.application.version
    for (const [fields, field, messageKey] of [
      [{ representative: '王五' }, 'representative', 'legal.nameMismatch'],
      [{ representative: ' ' }, 'representative', 'errors.required'],
      [{ undertaking: '' }, 'undertaking', 'legal.undertakingRequired'],
    ] as const) {
      const answer = await confirm(id, version, w.applicant.userId, fields)
      expect(answer.status).toBe(400)
      expect(await answer.json()).toMatchObject({ panel: 'legal', fieldErrors: { [field]: messageKey } })
    }
    expect(await w.db.selectFrom('legal_confirmations').selectAll().where('application_id', '=', id).execute()).toEqual(
      [],
    )
    expect((await loadApplicationForUpdate(w.db, id))?.version).toBe(version)

    // The name as typed may differ in its spaces only.
    const confirmed = await confirm(id, version, w.applicant.userId, { representative: '李 明' })
    expect(confirmed.status).toBe(302)
    const after = await summary(w, id)
    expect(after.legal).toMatchObject({ standing: 'current', named: '李明' })
    expect(after.application.version).toBe(version + 1)
    const audit = (await listAudit(w.db, 'application', id)).at(-1)
    expect(audit).toMatchObject({ event: 'LEGAL_CONFIRMATION', from_state: 'draft', to_state: 'draft' })
    expect(audit?.reason).toContain('李明')

    const submitted = await submit(id, after.application.version, w.applicant.userId)
    expect(submitted.status).toBe(302)
    expect((await loadApplicationForUpdate(w.db, id))?.status).toBe('submitted')

    // The secretariat reads whose confirmation the application came with, and the letter.
    const page = await respond(async () =>
      adminApplication.loader(args(await get(`/admin/applications/${id}`, w.admin.userId), { id: String(id) })),
    )
    const { legalConfirmation } = (await page.json()) as {
      legalConfirmation: { representative: string; letter_attachment_id: number }
    }
    const [letterFile] = (await listAttachments(w.db, id)).filter((a) => a.declaration_key === 'legalLetter')
    expect(legalConfirmation).toMatchObject({ representative: '李明', letter_attachment_id: letterFile!.id })
  })

  it('holds for the application as it was confirmed: a step saved or a file added afterwards needs it again', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    expect((await summary(w, draft.id)).legal.standing).toBe('current')

    // A step saved after the confirmation.
    const saved = await respond(async () =>
      applicantEdit.action(
        args(
          await post(
            `/applicant/applications/${draft.id}/edit/category`,
            { intent: 'draft', version: String(draft.version), ...completeDraftValues().category },
            { userId: w.applicant.userId },
          ),
          { id: String(draft.id), step: 'category' },
        ),
      ),
    )
    expect(saved.status).toBe(302)
    const behind = await summary(w, draft.id)
    expect(behind.legal.standing).toBe('behind')
    const refused = await submit(draft.id, behind.application.version, w.applicant.userId)
    expect(await refused.json()).toMatchObject({ messageKey: 'legal.confirmationBehind' })
    expect((await loadApplicationForUpdate(w.db, draft.id))?.status).toBe('draft')

    // Confirmed again: current; then a file added: behind again, though the version did not move.
    expect((await confirm(draft.id, behind.application.version, w.applicant.userId)).status).toBe(302)
    expect((await summary(w, draft.id)).legal.standing).toBe('current')
    const general = new File(['%PDF-1.7\n% more\n'], '补充.pdf', { type: 'application/pdf' })
    await respond(async () =>
      attachments.action(
        args(
          await upload(`/applicant/applications/${draft.id}/attachments`, general, {}, { userId: w.applicant.userId }),
          { id: String(draft.id) },
        ),
      ),
    )
    expect((await summary(w, draft.id)).legal.standing).toBe('behind')
  })

  it('is given by an account that may edit the application: not by a viewer, nor by another organisation', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { confirmed: false })
    await uploadLetter(draft.id, w.applicant.userId)
    const email = `viewer-${w.cycle.year}@t.example`
    await respond(async () =>
      team.action(
        args(
          await post(
            '/applicant/team',
            { intent: 'invite', name: '只读同事', email, role: 'viewer' },
            { userId: w.applicant.userId },
          ),
        ),
      ),
    )
    const viewer = await w.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    const version = (await loadApplicationForUpdate(w.db, draft.id))!.version
    expect((await confirm(draft.id, version, viewer.id)).status).toBe(403)
    expect((await confirm(draft.id, version, w.otherApplicant.userId)).status).toBe(404)
    expect(
      await w.db.selectFrom('legal_confirmations').selectAll().where('application_id', '=', draft.id).execute(),
    ).toEqual([])
  })
})
