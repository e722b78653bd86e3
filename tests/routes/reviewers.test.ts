import { describe, expect, it } from 'vitest'
import { findUserByEmail } from '../../db/repositories/users'
import * as reviewers from '~/routes/admin.reviewers'
import { attemptLogin } from '../../workflows/account/login.server'
import { world } from '../integration/helpers'
import { args, get, post, respond } from './http'

const expert = { displayName: '吴专家', email: 'Wu.Expert@award.example', expertise: '卓越绩效 Performance excellence', password: 'expert-password-1' }

describe('the reviewer pool', () => {
  it('lets the secretariat add a reviewer who can then log in', async () => {
    const w = await world()
    const response = await respond(async () => reviewers.action(args(await post('/admin/reviewers', expert, { userId: w.admin.userId }))))
    expect(response.status).toBe(302)
    expect(await findUserByEmail(w.db, 'wu.expert@award.example')).toMatchObject({ role: 'reviewer', display_name: '吴专家' })
    expect(await attemptLogin(w.db, 'wu.expert@award.example', 'expert-password-1')).toMatchObject({ ok: true, role: 'reviewer' })
    const list = await respond(async () => reviewers.loader(args(await get('/admin/reviewers', w.admin.userId))))
    expect(((await list.json()) as { reviewers: Array<{ email: string }> }).reviewers.map((r) => r.email)).toContain('wu.expert@award.example')
  })

  it('refuses a second account with the same e-mail, and a short password, saying which field', async () => {
    const w = await world()
    await respond(async () => reviewers.action(args(await post('/admin/reviewers', { ...expert, email: 'dup@award.example' }, { userId: w.admin.userId }))))
    const dup = await respond(async () => reviewers.action(args(await post('/admin/reviewers', { ...expert, email: 'dup@award.example' }, { userId: w.admin.userId }))))
    expect(dup.status).toBe(400)
    expect(await dup.json()).toMatchObject({ fieldErrors: { email: 'auth.emailTaken' } })
    const short = await respond(async () => reviewers.action(args(await post('/admin/reviewers', { ...expert, email: 'short@award.example', password: 'short' }, { userId: w.admin.userId }))))
    expect(await short.json()).toMatchObject({ fieldErrors: { password: 'errors.passwordShort' } })
    expect(await findUserByEmail(w.db, 'short@award.example')).toBeUndefined()
  })

  it('is the secretariat’s alone', async () => {
    const w = await world()
    const response = await respond(async () => reviewers.action(args(await post('/admin/reviewers', { ...expert, email: 'sneaky@award.example' }, { userId: w.reviewers[0]!.userId }))))
    expect(response.status).toBe(403)
    expect(await findUserByEmail(w.db, 'sneaky@award.example')).toBeUndefined()
  })
})
