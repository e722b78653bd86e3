import { describe, expect, it } from 'vitest'
import { listObjectionEvidenceOfApplication, listObjectionsOfApplication } from '../../db/repositories/objections'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import * as applicantList from '~/routes/applicant._index'
import * as noticeForm from '~/routes/notice.$id'
import * as noticeList from '~/routes/notice._index'
import { decideLevel, inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, post, respond, upload } from './http'
import * as evidenceRoute from '~/routes/objection-evidence.$id'

const pdf = (label: string) => new File([`%PDF-1.4\n% ${label}\n`], `${label}.pdf`, { type: 'application/pdf' })

async function onNotice() {
  const w = await world() // the newest cycle is the one on the public pages
  const app = await inDocumentReview(w)
  for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 85)
  await decideLevel(w, app.id, 'gold', '')
  await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin })
  return { w, app }
}

const objection = {
  name: '林某',
  organisation: '',
  phone: '13700001111',
  email: 'lin@example.com',
  content: '申报材料与事实不符。',
  evidence: '2029年度审计报告第3页',
}

describe('public notice pages', () => {
  it('lists the proposed winner for everyone, without logging in', async () => {
    const { app } = await onNotice()
    const response = await respond(async () => noticeList.loader(args(await get('/notice'))))
    const body = (await response.json()) as {
      rows: Array<{ id: number; organisation_name: string; level_zh: string; open: boolean }>
    }
    expect(body.rows).toEqual([
      expect.objectContaining({ id: app.id, organisation_name: '甲公司', level_zh: '金奖', open: true }),
    ])
  })

  it('takes a named objection with evidence from a visitor, and refuses an anonymous one', async () => {
    const { w, app } = await onNotice()
    const anonymous = await respond(async () =>
      noticeForm.action(args(await post(`/notice/${app.id}`, { ...objection, name: '' }), { id: String(app.id) })),
    )
    expect(anonymous.status).toBe(400)
    expect(await anonymous.json()).toMatchObject({ fieldErrors: { name: 'errors.required' } })
    const filed = await respond(async () =>
      noticeForm.action(args(await post(`/notice/${app.id}`, objection), { id: String(app.id) })),
    )
    expect(filed.status).toBe(302)
    const [stored] = await listObjectionsOfApplication(w.db, app.id)
    expect(stored).toEqual(
      expect.objectContaining({ objector_name: '林某', status: 'open', evidence: '2029年度审计报告第3页' }),
    )
    // The objector lands on the notice page with the reference of the objection.
    const location = filed.headers.get('location')!
    expect(location).toBe(`/notice?objection=GS${w.cycle.year}-${String(stored!.id).padStart(5, '0')}`)
    const page = await respond(async () => noticeList.loader(args(await get(location))))
    expect(((await page.json()) as { reference: string }).reference).toBe(
      `GS${w.cycle.year}-${String(stored!.id).padStart(5, '0')}`,
    )
  })

  it("takes evidence files with the objection, by the application evidence rules, for the secretariat's eyes only", async () => {
    const { w, app } = await onNotice()
    const path = `/notice/${app.id}`
    const grounds = '申报材料与事实不符，'.repeat(400) // 4,000 characters, 12 KB in UTF-8
    const exe = new File([new Uint8Array([0x4d, 0x5a, 0x90, 0x00])], '审计报告.pdf', { type: 'application/pdf' })
    const refused = await respond(async () =>
      noticeForm.action(
        args(
          await upload(path, [pdf('ok'), exe], { ...objection, content: grounds }),
          { id: String(app.id) },
          '10.0.7.1',
        ),
      ),
    )
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ messageKey: 'errors.fileType' })
    expect(await listObjectionsOfApplication(w.db, app.id)).toEqual([])
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], '现场照片.png', {
      type: 'image/png',
    })
    const filed = await respond(async () =>
      noticeForm.action(
        args(
          await upload(path, [pdf('审计报告'), png], { ...objection, content: grounds }),
          { id: String(app.id) },
          '10.0.7.1',
        ),
      ),
    )
    expect(filed.status).toBe(302)
    const [stored] = await listObjectionsOfApplication(w.db, app.id)
    expect(stored!.content).toBe(grounds)
    const files = await listObjectionEvidenceOfApplication(w.db, app.id)
    expect(files.map((f) => [f.objection_id, f.filename])).toEqual([
      [stored!.id, '审计报告.pdf'],
      [stored!.id, '现场照片.png'],
    ])
    const fetchAs = async (userId?: number) =>
      await respond(async () =>
        evidenceRoute.loader(
          args(await get(`/objection-evidence/${files[1]!.id}`, userId), { id: String(files[1]!.id) }),
        ),
      )
    const asSecretariat = await fetchAs(w.admin.userId)
    expect(asSecretariat.status).toBe(200)
    expect(asSecretariat.headers.get('content-type')).toBe('image/png')
    expect(asSecretariat.headers.get('content-disposition')).toContain(encodeURIComponent('现场照片.png'))
    for (const userId of [w.applicant.userId, w.reviewers[0]!.userId])
      expect((await fetchAs(userId)).status).not.toBe(200)
    expect((await fetchAs()).status).toBe(302)
    // Four files is one too many: refused with the reason, nothing filed.
    const four = await respond(async () =>
      noticeForm.action(
        args(
          await upload(path, [pdf('1'), pdf('2'), pdf('3'), pdf('4')], { ...objection, email: 'four@example.com' }),
          { id: String(app.id) },
          '10.0.7.1',
        ),
      ),
    )
    expect(await four.json()).toMatchObject({ messageKey: 'errors.tooManyObjectionFiles' })
    expect(await listObjectionsOfApplication(w.db, app.id)).toHaveLength(1)
  })

  it('files one objection for a form sent twice (a double click), and gives the same reference both times', async () => {
    const { w, app } = await onNotice()
    const page = (await (
      await respond(async () => noticeForm.loader(args(await get(`/notice/${app.id}`), { id: String(app.id) })))
    ).json()) as { submissionToken: string }
    expect(page.submissionToken).toMatch(/^[0-9a-f-]{36}$/)
    const send = async () =>
      respond(async () =>
        noticeForm.action(
          args(
            await post(`/notice/${app.id}`, { ...objection, submissionToken: page.submissionToken }),
            { id: String(app.id) },
            // An address of its own: the per-address limit of the other tests in this file is theirs.
            '192.0.2.77',
          ),
        ),
      )
    const [first, second] = await Promise.all([send(), send()])
    expect([first.status, second.status]).toEqual([302, 302])
    expect(second.headers.get('location')).toBe(first.headers.get('location'))
    expect(await listObjectionsOfApplication(w.db, app.id)).toHaveLength(1)
    // A new form (a new token) is a new objection.
    const again = (await (
      await respond(async () => noticeForm.loader(args(await get(`/notice/${app.id}`), { id: String(app.id) })))
    ).json()) as { submissionToken: string }
    expect(again.submissionToken).not.toBe(page.submissionToken)
  })

  it('refuses an objection under a stand-in name such as 匿名 or 某某, and files nothing', async () => {
    const { w, app } = await onNotice()
    for (const name of ['匿名', '某某某', '知情人', 'Anonymous', 'xxx', '12345', '——']) {
      const response = await respond(async () =>
        noticeForm.action(args(await post(`/notice/${app.id}`, { ...objection, name }), { id: String(app.id) })),
      )
      expect(response.status, name).toBe(400)
      expect(await response.json(), name).toMatchObject({ fieldErrors: { name: 'errors.realName' } })
    }
    expect(await listObjectionsOfApplication(w.db, app.id)).toEqual([])
    const page = await respond(async () => noticeList.loader(args(await get('/notice?objection=<script>'))))
    expect(((await page.json()) as { reference: unknown }).reference).toBeNull()
  })

  it('does not accept objections to an application that is not on notice', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const response = await respond(async () =>
      noticeForm.action(args(await post(`/notice/${app.id}`, objection), { id: String(app.id) })),
    )
    expect(response.status).toBe(404)
    expect(await listObjectionsOfApplication(w.db, app.id)).toEqual([])
  })

  it('never sends an applicant its decision level before publication', async () => {
    const { w } = await onNotice()
    const response = await respond(async () => applicantList.loader(args(await get('/applicant', w.applicant.userId))))
    const text = await response.text()
    expect(text).not.toContain('decision_level_id')
    expect(JSON.parse(text).applications[0].status).toBe('publicNotice')
  })
})
