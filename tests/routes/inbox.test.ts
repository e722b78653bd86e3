import { describe, expect, it } from 'vitest'
import { enqueueNotification } from '../../db/repositories/outbox'
import * as inbox from '~/routes/inbox'
import * as root from '~/root'
import { declareConflict } from '../../workflows/review/review.server'
import { acceptInvitation, decideLevel, inDocumentReview, submitSheet, world } from '../integration/helpers'
import { fileObjection } from '../../workflows/objection/objection.server'
import { startPublicNotice } from '../../workflows/cycle/cycle.server'
import { args, get, post, respond } from './http'

interface InboxData {
  messages: Array<{
    id: number
    unread: boolean
    zh: string
    en: string
    link: string
    reason: string | null
    about: string | null
  }>
}

describe('the inbox', () => {
  it('shows the secretariat what it is told (a conflict declared, a review complete), unread first, and marks them read, one or all', async () => {
    const w = await world()
    await w.db.updateTable('cycles').set({ reviewers_per_application: 3 }).where('id', '=', w.cycle.id).execute()
    const app = await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 3))
    await acceptInvitation(w, app.id, w.reviewers[0]!)
    await declareConflict(w.db, { applicationId: app.id, actor: w.reviewers[0]!, reason: '本人曾为该单位提供咨询' })
    const drawn = await w.db
      .selectFrom('assignments')
      .select('reviewer_id')
      .where('application_id', '=', app.id)
      .where('status', '=', 'invited')
      .execute()
    for (const { reviewer_id } of drawn)
      await submitSheet(
        w,
        app.id,
        w.reviewers.find((r) => r.userId === reviewer_id)!,
        70,
      )
    const open = async (userId: number) =>
      (await (await respond(async () => inbox.loader(args(await get('/inbox', userId))))).json()) as InboxData
    const mine = await open(w.admin.userId)
    const kinds = mine.messages.map((m) => m.zh)
    expect(kinds.some((zh) => zh.includes('声明了与申报单位的利益冲突'))).toBe(true)
    expect(kinds.some((zh) => zh.includes('材料评审完成'))).toBe(true)
    const conflict = mine.messages.find((m) => m.zh.includes('利益冲突'))!
    expect(conflict).toMatchObject({
      unread: true,
      link: `/admin/applications/${app.id}`,
      reason: '本人曾为该单位提供咨询',
      about: '甲公司',
    })

    // One marked read goes below the unread; another user's messages are untouched by it.
    const before = (await open(w.reviewers[1]!.userId)).messages.filter((m) => m.unread).length
    expect(
      (
        await respond(async () =>
          inbox.action(
            args(await post('/inbox', { intent: 'read', id: String(conflict.id) }, { userId: w.admin.userId })),
          ),
        )
      ).status,
    ).toBe(302)
    const after = await open(w.admin.userId)
    expect(after.messages.find((m) => m.id === conflict.id)?.unread).toBe(false)
    // Unread first: after the first read message, none is unread.
    const firstRead = after.messages.findIndex((m) => !m.unread)
    expect(firstRead).toBeGreaterThan(0)
    expect(after.messages.slice(firstRead).every((m) => !m.unread)).toBe(true)
    // Marking someone else's message id changes nothing for them.
    const theirs = (await open(w.reviewers[1]!.userId)).messages.find((m) => m.unread)
    if (theirs)
      await respond(async () =>
        inbox.action(args(await post('/inbox', { intent: 'read', id: String(theirs.id) }, { userId: w.admin.userId }))),
      )
    expect((await open(w.reviewers[1]!.userId)).messages.filter((m) => m.unread).length).toBe(before)
    await respond(async () => inbox.action(args(await post('/inbox', { intent: 'read' }, { userId: w.admin.userId }))))
    expect((await open(w.admin.userId)).messages.every((m) => !m.unread)).toBe(true)
    expect(
      (
        await respond(async () =>
          inbox.action(args(await post('/inbox', { intent: 'read', id: '1; drop' }, { userId: w.admin.userId }))),
        )
      ).status,
    ).toBe(400)
  })

  it('never shows a password link, which belongs in the mailbox it was sent to', async () => {
    const w = await world()
    const email = (
      await w.db.selectFrom('users').select('email').where('id', '=', w.reviewers[2]!.userId).executeTakeFirstOrThrow()
    ).email
    await enqueueNotification(w.db, {
      kind: 'account.RESET',
      recipient: email,
      payload: { applicationId: 0, reason: null, token: 'secret-token' },
      at: new Date().toISOString(),
    })
    const data = (await (
      await respond(async () => inbox.loader(args(await get('/inbox', w.reviewers[2]!.userId))))
    ).json()) as InboxData
    expect(JSON.stringify(data)).not.toContain('secret-token')
    expect(data.messages.every((m) => !m.link.startsWith('/password/'))).toBe(true)
  })

  it('never shows what the public objection form sent to an address that is also an account\u2019s', async () => {
    const w = await world()
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 85)
    await decideLevel(w, app.id, 'gold', '')
    await startPublicNotice(w.db, { cycleId: w.cycle.id, actor: w.admin })
    const email = (
      await w.db.selectFrom('users').select('email').where('id', '=', w.reviewers[3]!.userId).executeTakeFirstOrThrow()
    ).email
    // Anyone may type any address into the public form: here, an expert's.
    await fileObjection(w.db, {
      applicationId: app.id,
      name: '某人',
      organisation: '',
      phone: '13700001111',
      email,
      content: '申报材料与事实不符。',
      evidence: '审计报告第3页',
    })
    const data = (await (
      await respond(async () => inbox.loader(args(await get('/inbox', w.reviewers[3]!.userId))))
    ).json()) as InboxData
    expect(data.messages).toEqual([])
  })

  it('counts in every page\u2019s header the unread messages of the inbox, not those that only go by mail', async () => {
    const w = await world()
    const reviewer = w.reviewers[1]!
    const email = (
      await w.db.selectFrom('users').select('email').where('id', '=', reviewer.userId).executeTakeFirstOrThrow()
    ).email
    const unreadInHeader = async (userId: number) =>
      (
        (await (await respond(async () => root.loader(args(await get('/review', userId))))).json()) as {
          user: { unread: number }
        }
      ).user.unread
    const at = new Date().toISOString()
    const payload = { applicationId: 0, reason: null }
    await enqueueNotification(w.db, { kind: 'review.INVITED', recipient: email, payload, at })
    await enqueueNotification(w.db, { kind: 'review.INVITED', recipient: email, payload, at })
    await enqueueNotification(w.db, { kind: 'account.RESET', recipient: email, payload, at })
    await enqueueNotification(w.db, { kind: 'objection.RECEIVED', recipient: email, payload, at })
    expect(await unreadInHeader(reviewer.userId)).toBe(2)
    expect(await unreadInHeader(w.reviewers[0]!.userId)).toBe(0)
    await respond(async () => inbox.action(args(await post('/inbox', { intent: 'read' }, { userId: reviewer.userId }))))
    expect(await unreadInHeader(reviewer.userId)).toBe(0)
  })

  it('is for logged-in users only', async () => {
    const response = await respond(async () => inbox.loader(args(await get('/inbox'))))
    expect(response.status).toBe(302)
  })
})
