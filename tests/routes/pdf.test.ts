import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCompleteDraft } from '../../db/factories'
import * as adminPdf from '~/routes/admin.applications.$id.application[.]pdf'
import * as applicantPdf from '~/routes/applicant.applications.$id.application[.]pdf'
import * as feedbackPdf from '~/routes/applicant.applications.$id.feedback[.]pdf'
import { approveAndPublish, decideLevel, inDocumentReview, submitSheet, world } from '../integration/helpers'
import { args, get, respond } from './http'
import { textOf } from './pdf-text'

afterEach(() => {
  vi.unstubAllEnvs()
})

describe('the application as a PDF', () => {
  it('prints the submitted application with its Chinese name, headings, declarations and evidence for its applicant and the secretariat', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const open = async (userId: number, lang?: string) => {
      const request = await get(`/applicant/applications/${app.id}/application.pdf`, userId)
      if (lang) request.headers.set('accept-language', lang)
      return respond(async () => applicantPdf.loader(args(request, { id: String(app.id) })))
    }
    const response = await open(w.applicant.userId)
    expect(decodeURIComponent(response.headers.get('content-disposition')!)).toContain("UTF-8''甲公司-申报书.pdf")
    const text = await textOf(response)
    for (const expected of [
      '深圳市市长质量奖申报书',
      '甲公司',
      '一、单位概况',
      '二、奖项领域与类型',
      '三、申报条件声明',
      '四、自评报告',
      '佐证材料',
      '第 1 页',
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).not.toContain('草稿：')
    // Every criteria category of the self-assessment is printed with its heading.
    for (const category of w.tree.categories) expect(text).toContain(`${category.code} ${category.name_zh}`)

    // In English for a reader who asked for it; the applicant's own text stays as typed.
    const english = await textOf(await open(w.applicant.userId, 'en'))
    expect(english).toContain("Application for the Shenzhen Mayor's Quality Award")
    expect(english).toContain('1. Organisation profile')
    expect(english).toContain('甲公司')

    // The secretariat prints any application; another organisation and a reviewer cannot reach it here.
    const secretariat = await respond(async () =>
      adminPdf.loader(
        args(await get(`/admin/applications/${app.id}/application.pdf`, w.admin.userId), { id: String(app.id) }),
      ),
    )
    expect(await textOf(secretariat)).toContain('甲公司')
    expect((await open(w.otherApplicant.userId)).status).toBe(404)
    expect(
      (
        await respond(async () =>
          adminPdf.loader(
            args(await get(`/admin/applications/${app.id}/application.pdf`, w.reviewers[0]!.userId), {
              id: String(app.id),
            }),
          ),
        )
      ).status,
    ).toBe(403)
  })

  it('marks a draft as one', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { evidence: false })
    const response = await respond(async () =>
      applicantPdf.loader(
        args(await get(`/applicant/applications/${draft.id}/application.pdf`, w.applicant.userId), {
          id: String(draft.id),
        }),
      ),
    )
    expect(await textOf(response)).toContain('草稿：本申报尚未提交')
  })

  it('answers 503 with a message where the fonts are missing, rather than a PDF of empty boxes', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    const { resetEnvForTests } = await import('~/utils/env.server')
    vi.stubEnv('PDF_FONT_REGULAR', '/nonexistent/font.ttc#Face')
    resetEnvForTests()
    try {
      const response = await respond(async () =>
        applicantPdf.loader(
          args(await get(`/applicant/applications/${app.id}/application.pdf`, w.applicant.userId), {
            id: String(app.id),
          }),
        ),
      )
      expect(response.status).toBe(503)
      expect(await response.json()).toEqual({ messageKey: 'errors.pdfUnavailable' })
    } finally {
      vi.unstubAllEnvs()
      resetEnvForTests()
    }
  })
})

describe('the feedback report as a PDF', () => {
  it('is there only after publication, with the reviewers\u2019 comments unsigned and the result', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 85)
    const open = async () =>
      respond(async () =>
        feedbackPdf.loader(
          args(await get(`/applicant/applications/${app.id}/feedback.pdf`, w.applicant.userId), { id: String(app.id) }),
        ),
      )
    expect((await open()).status).toBe(404)

    const { startPublicNotice } = await import('../../workflows/cycle/cycle.server')
    await decideLevel(w, app.id, 'silver', '委员会审定')
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin, now: '2030-01-07T02:00:00.000Z' })
    await approveAndPublish(w, '2030-01-14T00:00:00.000Z')

    const text = await textOf(await open())
    for (const expected of ['反馈报告', '甲公司', '获得：银奖', '优势', '改进机会', '方法系统', '展开不足'])
      expect(text).toContain(expected)
    for (const category of w.tree.categories) expect(text).toContain(`${category.code} ${category.name_zh}`)
    for (const reviewer of ['专家0', '专家1', '专家2']) expect(text).not.toContain(reviewer)
    expect(text).not.toContain('委员会审定')
    const other = await respond(async () =>
      feedbackPdf.loader(
        args(await get(`/applicant/applications/${app.id}/feedback.pdf`, w.otherApplicant.userId), {
          id: String(app.id),
        }),
      ),
    )
    expect(other.status).toBe(404)
  })
})
