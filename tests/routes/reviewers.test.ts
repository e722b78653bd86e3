import { describe, expect, it } from 'vitest'
import { listExperts } from '../../db/repositories/experts'
import { findUserByEmail } from '../../db/repositories/users'
import * as experts from '~/routes/admin.experts._index'
import * as expertPage from '~/routes/admin.experts.$id'
import * as forgot from '~/routes/password.forgot'
import * as setPassword from '~/routes/password.$token'
import * as reviewers from '~/routes/admin.reviewers'
import { attemptLogin } from '../../workflows/account/login.server'
import { inDocumentReview, world } from '../integration/helpers'
import { args, get, post, respond } from './http'

const expert = {
  name: '吴专家',
  email: 'Wu.Expert@award.example',
  kind: 'industryExpert',
  fields: '卓越绩效 Performance excellence',
  employerName: '深圳大学',
  qualification: '全国质量奖评审员',
  active: 'on',
  'industries.electronics': 'on',
  'industries.logistics': 'on',
}

/** The link in the newest e-mail to this address (the outbox is the e-mail provider's side of the test). */
async function linkTo(db: Awaited<ReturnType<typeof world>>['db'], recipient: string): Promise<string> {
  const message = await db
    .selectFrom('outbox')
    .select('payload')
    .where('recipient', '=', recipient)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  return (JSON.parse(message.payload) as { token: string }).token
}

describe('the expert pool and invitations', () => {
  it('adds an expert with an invitation: no password is typed by the secretariat, the expert sets it through the link once', async () => {
    const w = await world()
    const response = await respond(async () =>
      experts.action(args(await post('/admin/experts', expert, { userId: w.admin.userId }))),
    )
    expect(response.status).toBe(302)
    const user = await findUserByEmail(w.db, 'wu.expert@award.example')
    expect(user).toMatchObject({ role: 'reviewer', display_name: '吴专家' })
    const pooled = (await listExperts(w.db)).find((e) => e.user_id === user!.id)
    expect(pooled).toMatchObject({
      kind: 'industryExpert',
      industries: ['electronics', 'logistics'],
      employer_name: '深圳大学',
      active: 1,
      passwordSet: false,
    })
    // Before the link is used nobody can log in, whatever password they guess.
    expect(await attemptLogin(w.db, 'wu.expert@award.example', '!invited')).toEqual({ ok: false })

    const token = await linkTo(w.db, 'wu.expert@award.example')
    expect(
      (await respond(async () => setPassword.loader(args(await get(`/password/${token}`), { token })))).status,
    ).toBe(200)
    const set = await respond(async () =>
      setPassword.action(
        args(
          await post(`/password/${token}`, { password: 'river-lantern-2026', confirmPassword: 'river-lantern-2026' }),
          { token },
        ),
      ),
    )
    expect(set.status).toBe(302)
    expect(set.headers.get('location')).toBe('/review')
    expect(await attemptLogin(w.db, 'wu.expert@award.example', 'river-lantern-2026')).toMatchObject({
      ok: true,
      role: 'reviewer',
    })
    // Single use: the same link a second time sets nothing.
    const again = await respond(async () =>
      setPassword.action(
        args(
          await post(`/password/${token}`, { password: 'other-lantern-2027', confirmPassword: 'other-lantern-2027' }),
          { token },
        ),
      ),
    )
    expect(again.status).toBe(410)
    expect(await attemptLogin(w.db, 'wu.expert@award.example', 'other-lantern-2027')).toEqual({ ok: false })
  })

  it('refuses a wrong or expired link, and a second expert with the same e-mail', async () => {
    const w = await world()
    for (const token of ['x'.repeat(43), 'short', '../../etc']) {
      expect(
        (await respond(async () => setPassword.loader(args(await get(`/password/${token}`), { token })))).status,
      ).toBe(410)
    }
    await respond(async () =>
      experts.action(
        args(await post('/admin/experts', { ...expert, email: 'late@award.example' }, { userId: w.admin.userId })),
      ),
    )
    const token = await linkTo(w.db, 'late@award.example')
    await w.db.updateTable('password_tokens').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute()
    expect(
      (await respond(async () => setPassword.loader(args(await get(`/password/${token}`), { token })))).status,
    ).toBe(410)
    const dup = await respond(async () =>
      experts.action(
        args(await post('/admin/experts', { ...expert, email: 'late@award.example' }, { userId: w.admin.userId })),
      ),
    )
    expect(await dup.json()).toMatchObject({ fieldErrors: { email: 'auth.emailTaken' } })
  })

  it('resets a forgotten password by a link, for any role, saying the same whether or not the address exists', async () => {
    const w = await world()
    const applicantEmail = (
      await w.db.selectFrom('users').select('email').where('id', '=', w.applicant.userId).executeTakeFirstOrThrow()
    ).email
    const known = await respond(async () =>
      forgot.action(args(await post('/password/forgot', { email: applicantEmail }), {}, '10.0.9.1')),
    )
    const unknown = await respond(async () =>
      forgot.action(args(await post('/password/forgot', { email: 'nobody@nowhere.example' }), {}, '10.0.9.1')),
    )
    expect(await known.json()).toEqual({ sent: true })
    expect(await unknown.json()).toEqual({ sent: true })
    expect(
      await w.db.selectFrom('outbox').select('id').where('recipient', '=', 'nobody@nowhere.example').execute(),
    ).toEqual([])
    const token = await linkTo(w.db, applicantEmail)
    const set = await respond(async () =>
      setPassword.action(
        args(
          await post(`/password/${token}`, { password: 'harbour-kite-2026', confirmPassword: 'harbour-kite-2026' }),
          { token },
        ),
      ),
    )
    expect(set.headers.get('location')).toBe('/applicant')
    expect(await attemptLogin(w.db, applicantEmail, 'harbour-kite-2026')).toMatchObject({ ok: true })
    expect(await attemptLogin(w.db, applicantEmail, 'password-123')).toEqual({ ok: false })
  })

  it('takes an expert off a review and redraws when an edit puts them in conflict with the applicant', async () => {
    const w = await world()
    await w.db.updateTable('cycles').set({ reviewers_per_application: 3 }).where('id', '=', w.cycle.id).execute()
    const app = await inDocumentReview(w, w.applicant, w.reviewers.slice(0, 2))
    const pooled = (await listExperts(w.db)).find((e) => e.user_id === w.reviewers[0]!.userId)!
    const edit = {
      kind: 'examiner',
      fields: '质量管理',
      employerName: '深圳大学',
      active: 'on',
      version: String(pooled.version),
      'relations.0.kind': 'formerEmployer',
      'relations.0.name': '甲公司',
      'relations.0.endedOn': '2025-06-30',
    }
    const saved = await respond(async () =>
      expertPage.action(
        args(await post(`/admin/experts/${pooled.id}`, edit, { userId: w.admin.userId }), { id: String(pooled.id) }),
      ),
    )
    expect(saved.status).toBe(302)
    const rows = await w.db
      .selectFrom('assignments')
      .select(['reviewer_id', 'status', 'end_reason'])
      .where('application_id', '=', app.id)
      .orderBy('id')
      .execute()
    expect(rows[0]).toMatchObject({ reviewer_id: w.reviewers[0]!.userId, status: 'removed' })
    expect(rows[0]!.end_reason).toContain('formerEmployer 甲公司')
    expect(rows.filter((r) => r.status === 'invited')).toHaveLength(3) // one left, plus two drawn to reach the cycle's three
  })

  it('is the secretariat’s alone, and the old reviewers page leads to it', async () => {
    const w = await world()
    const response = await respond(async () =>
      experts.action(
        args(
          await post(
            '/admin/experts',
            { ...expert, email: 'sneaky@award.example' },
            { userId: w.reviewers[0]!.userId },
          ),
        ),
      ),
    )
    expect(response.status).toBe(403)
    expect(await findUserByEmail(w.db, 'sneaky@award.example')).toBeUndefined()
    const old = await respond(async () => reviewers.loader())
    expect(old.headers.get('location')).toBe('/admin/experts')
  })
})
