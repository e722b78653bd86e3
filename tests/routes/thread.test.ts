import { describe, expect, it } from 'vitest'
import { createCompleteDraft } from '../../db/factories'
import * as adminPage from '~/routes/admin.applications.$id/route'
import * as applicantPage from '~/routes/applicant.applications.$id._index'
import { world } from '../integration/helpers'
import { args, get, post, respond } from './http'

interface Thread {
  thread: Array<{ author: string; fromSecretariat: boolean; body: string }>
}

describe('an application\u2019s thread between the secretariat and the applicant (issue 24)', () => {
  it('carries the messages of both sides in order, each side told of the other\u2019s, and nobody else\u2019s', async () => {
    const w = await world()
    const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
    const params = { id: String(draft.id) }
    const asApplicant = async (fields: Record<string, string>, userId = w.applicant.userId) =>
      respond(async () =>
        applicantPage.action(args(await post(`/applicant/applications/${draft.id}`, fields, { userId }), params)),
      )
    const asSecretariat = async (fields: Record<string, string>) =>
      respond(async () =>
        adminPage.action(
          args(await post(`/admin/applications/${draft.id}`, fields, { userId: w.admin.userId }), params),
        ),
      )
    const outbox = async (recipient: string) =>
      w.db
        .selectFrom('outbox')
        .select('payload')
        .where('kind', '=', 'message.THREAD')
        .where('recipient', '=', recipient)
        .execute()
    const emailOf = async (userId: number) =>
      (await w.db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow()).email

    expect((await asApplicant({ intent: 'message', body: '请问财务审计报告是否需要盖章？' })).status).toBe(302)
    const toSecretariat = await outbox(await emailOf(w.admin.userId))
    expect(toSecretariat.map((m) => JSON.parse(m.payload))).toEqual([
      expect.objectContaining({
        reason: '请问财务审计报告是否需要盖章？',
        link: `/admin/applications/${draft.id}#thread`,
      }),
    ])
    expect((await asSecretariat({ intent: 'message', body: '需要加盖公章的扫描件。' })).status).toBe(302)
    expect((await outbox(await emailOf(w.applicant.userId))).map((m) => JSON.parse(m.payload))).toEqual([
      expect.objectContaining({ link: `/applicant/applications/${draft.id}#thread` }),
    ])

    const seen = async () =>
      (
        (await (
          await respond(async () =>
            adminPage.loader(args(await get(`/admin/applications/${draft.id}`, w.admin.userId), params)),
          )
        ).json()) as Thread
      ).thread
    expect((await seen()).map((m) => [m.fromSecretariat, m.body])).toEqual([
      [false, '请问财务审计报告是否需要盖章？'],
      [true, '需要加盖公章的扫描件。'],
    ])
    const applicantSees = (
      (await (
        await respond(async () =>
          applicantPage.loader(args(await get(`/applicant/applications/${draft.id}`, w.applicant.userId), params)),
        )
      ).json()) as Thread
    ).thread
    expect(applicantSees).toHaveLength(2)

    // Another organisation neither writes nor reads it; an empty message is refused beside the field.
    expect((await asApplicant({ intent: 'message', body: '冒名' }, w.otherApplicant.userId)).status).toBe(404)
    const empty = await asApplicant({ intent: 'message', body: '   ' })
    expect(empty.status).toBe(400)
    expect(await empty.json()).toMatchObject({ panel: 'thread', fieldErrors: { body: 'errors.required' } })
    expect(await seen()).toHaveLength(2)
  })
})
