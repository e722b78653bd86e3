import { describe, expect, it } from 'vitest'
import { createCompleteDraft } from '../../db/factories'
import * as inbox from '~/routes/inbox'
import * as messages from '~/routes/admin.messages'
import { applicationNumber } from '../../workflows/application/application-number'
import { renderEmail } from '../../workflows/notifications/messages'
import { inDocumentReview, world, type World } from '../integration/helpers'
import { args, get, post, respond } from './http'

interface Preview {
  preview?: { count: number; first: string[]; sample: { subject: string; body: string } | null }
  messageKey?: string
  vars?: Record<string, string | number>
  fieldErrors?: Record<string, string>
}

const emailOf = async (w: World, userId: number) =>
  (await w.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email

/** The group messages sent to this world's accounts (the file's earlier worlds share the database). */
const groupMessages = async (w: World) => {
  const ids = [w.admin, w.applicant, w.otherApplicant, ...w.reviewers].map((a) => a.userId)
  const emails = (await w.db.selectFrom('users').select('email').where('id', 'in', ids).execute()).map((u) => u.email)
  return w.db
    .selectFrom('outbox')
    .selectAll()
    .where('kind', '=', 'message.GROUP')
    .where('recipient', 'in', emails)
    .orderBy('id')
    .execute()
}

const message = {
  to: 'applicants',
  category: 'economy',
  subject: '关于{单位}答辩安排的通知',
  body: '{单位}（{编号}）：请于下周一前确认答辩时间。{未知}',
}

describe('messages to a group (issue 24)', () => {
  it('previews who a message reaches and how it reads, sends it only to the number confirmed, to each inbox and on the record', async () => {
    const w = await world()
    const mine = await createCompleteDraft(w.db, w.applicant, w.cycle.id, { categoryCode: 'economy' })
    await createCompleteDraft(w.db, w.otherApplicant, w.cycle.id, { categoryCode: 'culture' })
    const act = async (fields: Record<string, string>, userId = w.admin.userId) =>
      respond(async () => messages.action(args(await post('/admin/messages', fields, { userId }))))

    const previewed = await act({ ...message, intent: 'preview' })
    expect(previewed.status).toBe(200)
    const { preview } = (await previewed.json()) as Preview
    expect(preview).toEqual({
      count: 1,
      first: ['甲公司'],
      sample: {
        subject: '关于甲公司答辩安排的通知',
        body: `甲公司（${applicationNumber(w.cycle.year, mine.id)}）：请于下周一前确认答辩时间。{未知}`,
      },
    })
    expect(await groupMessages(w)).toEqual([])

    // The whole cycle's applicants are two: a confirmation for one sends nothing and says why.
    const changed = await act({ ...message, category: '', intent: 'send', confirmed: '1' })
    expect(changed.status).toBe(409)
    expect(await changed.json()).toMatchObject({
      messageKey: 'errors.recipientsChanged',
      vars: { confirmed: 1, count: 2 },
    })
    expect(await groupMessages(w)).toEqual([])

    const sent = await act({ ...message, intent: 'send', confirmed: '1' })
    expect(sent.status).toBe(302)
    const rows = await groupMessages(w)
    expect(rows.map((r) => r.recipient)).toEqual([await emailOf(w, w.applicant.userId)])
    expect(JSON.parse(rows[0]!.payload)).toMatchObject({
      applicationId: mine.id,
      subject: '关于甲公司答辩安排的通知',
      link: `/applicant/applications/${mine.id}`,
    })
    const mail = renderEmail(rows[0]!.kind, rows[0]!.recipient, rows[0]!.payload, 'https://award.example')!
    expect(mail.subject).toContain('关于甲公司答辩安排的通知')
    expect(mail.text).toContain('请于下周一前确认答辩时间')
    expect(mail.text).toContain(`https://award.example/applicant/applications/${mine.id}`)
    const record = await w.db
      .selectFrom('group_messages')
      .selectAll()
      .where('cycle_id', '=', w.cycle.id)
      .executeTakeFirstOrThrow()
    expect(record).toMatchObject({
      subject: message.subject,
      body: message.body,
      recipients: 1,
      sent_by: w.admin.userId,
    })
    expect(JSON.parse(record.audience)).toMatchObject({
      to: 'applicants',
      category: 'economy',
      categoryName: { zh: expect.any(String) },
    })
    const audit = await w.db
      .selectFrom('audit_log')
      .select(['event', 'actor_user_id'])
      .where('entity', '=', 'cycle')
      .where('entity_id', '=', w.cycle.id)
      .where('event', '=', 'SEND_GROUP_MESSAGE')
      .execute()
    expect(audit).toEqual([{ event: 'SEND_GROUP_MESSAGE', actor_user_id: w.admin.userId }])

    // The applicant reads it in the inbox, about its own application; the other applicant has nothing.
    const readBy = async (userId: number) =>
      (
        (await (await respond(async () => inbox.loader(args(await get('/inbox', userId))))).json()) as {
          messages: Array<{ zh: string; reason: string; link: string }>
        }
      ).messages
    expect(await readBy(w.applicant.userId)).toEqual([
      expect.objectContaining({
        zh: '关于甲公司答辩安排的通知',
        reason: expect.stringContaining('请于下周一前确认答辩时间'),
        link: `/applicant/applications/${mine.id}`,
      }),
    ])
    expect(await readBy(w.otherApplicant.userId)).toEqual([])

    // The page lists what was sent, to whom, by whom.
    const page = (await (
      await respond(async () => messages.loader(args(await get('/admin/messages', w.admin.userId))))
    ).json()) as {
      sent: Array<{ subject: string; recipients: number }>
    }
    expect(page.sent).toEqual([expect.objectContaining({ subject: message.subject, recipients: 1 })])
  })

  it('reaches the experts of the cycle once each, and refuses what is incomplete with the field named', async () => {
    const w = await world()
    await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 3))
    const act = async (fields: Record<string, string>) =>
      respond(async () => messages.action(args(await post('/admin/messages', fields, { userId: w.admin.userId }))))
    const { preview } = (await (
      await act({ to: 'experts', subject: '评审说明', body: '{姓名}老师：材料评审将于本月底截止。', intent: 'preview' })
    ).json()) as Preview
    expect(preview?.count).toBe(3)
    expect(preview?.sample?.body).toMatch(/^专家\d老师：/)

    const incomplete = await act({ to: 'experts', subject: '', body: '正文', intent: 'preview' })
    expect(incomplete.status).toBe(400)
    expect(((await incomplete.json()) as Preview).fieldErrors).toMatchObject({ subject: 'errors.required' })
    const unconfirmed = await act({ to: 'experts', subject: '评审说明', body: '正文', intent: 'send' })
    expect(((await unconfirmed.json()) as Preview).fieldErrors).toMatchObject({
      confirmed: 'errors.recipientsUnconfirmed',
    })
    const noPanel = await act({ to: 'panel', subject: '评审说明', body: '正文', intent: 'preview' })
    expect(((await noPanel.json()) as Preview).fieldErrors).toMatchObject({ application: 'errors.choose' })
    expect(await groupMessages(w)).toEqual([])
  })

  it('is the secretariat\u2019s alone', async () => {
    const w = await world()
    for (const userId of [w.reviewers[0]!.userId, w.applicant.userId]) {
      const refused = await respond(async () =>
        messages.action(
          args(await post('/admin/messages', { ...message, intent: 'send', confirmed: '1' }, { userId })),
        ),
      )
      expect(refused.status).toBe(403)
      expect((await respond(async () => messages.loader(args(await get('/admin/messages', userId))))).status).toBe(403)
    }
    expect(await groupMessages(w)).toEqual([])
  })
})
