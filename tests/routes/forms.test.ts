import { describe, expect, it } from 'vitest'
import { findUserByEmail } from '../../db/repositories/users'
import { findSession } from '../../db/repositories/sessions'
import { listInbox } from '../../db/repositories/outbox'
import { getDb } from '../../db/client.server'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { startApplication } from '../../workflows/application/application.server'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step/route'
import * as login from '~/routes/login'
import * as logout from '~/routes/logout'
import * as register from '~/routes/register'
import * as confirm from '~/routes/register_.confirm.$token'
import { getSessionUser } from '~/utils/session.server'
import { checkCharacterFor } from '../../workflows/application/uscc'
import { makeUscc } from '../../db/factories'
import { world } from '../integration/helpers'
import { args, get, origin, post, respond, sessionCookieHeader } from './http'

const registration = {
  organisationName: '深圳市福田测试有限公司',
  uscc: '91440300708461136T',
  contactPerson: '孙测试',
  email: 'Test@Futian.example',
  phone: '13912345678',
  password: 'futian-password',
  confirmPassword: 'futian-password',
}

/** The link a registration e-mail to this address carries, as the outbox holds it until it is sent. */
async function registrationLink(email: string): Promise<string> {
  const row = await getDb()
    .selectFrom('outbox')
    .select('payload')
    .where('recipient', '=', email)
    .where('kind', '=', 'account.CONFIRM_REGISTRATION')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow()
  return (JSON.parse(row.payload) as { token: string }).token
}

/** Registers through the form and confirms through the mailed link, as an applicant does; the confirmation's answer. */
async function registerAndConfirm(fields: Record<string, string>, address: string): Promise<Response> {
  const sent = await respond(async () => register.action(args(await post('/register', fields), {}, address)))
  expect(sent.status).toBe(200)
  const token = await registrationLink(fields.email!.toLowerCase())
  return respond(async () => confirm.action(args(await post(`/register/confirm/${token}`, {}), { token })))
}

function mailsTo(recipient: string) {
  return getDb()
    .selectFrom('outbox')
    .select(['kind', 'payload'])
    .where('recipient', '=', recipient)
    .orderBy('id')
    .execute()
}

describe('registration', () => {
  it('refuses a credit code whose check character is wrong, saying so, and creates nothing', async () => {
    const response = await respond(async () =>
      register.action(args(await post('/register', { ...registration, uscc: '91440300708461136U' }))),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ fieldErrors: { uscc: 'errors.usccCheckCharacter' } })
    expect(await findUserByEmail(getDb(), 'test@futian.example')).toBeUndefined()
    expect(await mailsTo('test@futian.example')).toEqual([])
  })

  it('registers a code that fails only its check character when the applicant explains it, and keeps the explanation', async () => {
    const explained = {
      ...registration,
      uscc: '91440300708461136U',
      email: 'explained@futian.example',
      usccExplanation: '短',
    }
    const short = await respond(async () => register.action(args(await post('/register', explained), {}, '10.0.6.1')))
    expect(short.status).toBe(400)
    expect(await short.json()).toMatchObject({ fieldErrors: { usccExplanation: 'errors.explanationShort' } })
    const confirmed = await registerAndConfirm(
      { ...explained, usccExplanation: '营业执照原件上的代码即为此代码，登记机关已出具说明。' },
      '10.0.6.1',
    )
    expect(confirmed.status).toBe(302)
    const organisation = await getDb()
      .selectFrom('organisations')
      .select(['uscc', 'uscc_explanation'])
      .where('uscc', '=', '91440300708461136U')
      .executeTakeFirstOrThrow()
    expect(organisation.uscc_explanation).toBe('营业执照原件上的代码即为此代码，登记机关已出具说明。')
  })

  it('accepts no explanation for any other fault of the code, and keeps none for a valid code', async () => {
    const wrongRegion = {
      ...registration,
      uscc: '91990300708461136T',
      email: 'region@futian.example',
      usccExplanation: '营业执照原件上的代码即为此代码。',
    }
    const refused = await respond(async () =>
      register.action(args(await post('/register', wrongRegion), {}, '10.0.6.2')),
    )
    expect(await refused.json()).toMatchObject({ fieldErrors: { uscc: 'errors.usccRegion' } })
    const valid = {
      ...registration,
      uscc: '91440300192203821X',
      email: 'valid@futian.example',
      usccExplanation: '无须说明的说明文字。',
    }
    valid.uscc = valid.uscc.slice(0, 17) + checkCharacterFor(valid.uscc.slice(0, 17))
    expect((await registerAndConfirm(valid, '10.0.6.2')).status).toBe(302)
    const organisation = await getDb()
      .selectFrom('organisations')
      .select('uscc_explanation')
      .where('uscc', '=', valid.uscc)
      .executeTakeFirstOrThrow()
    expect(organisation.uscc_explanation).toBeNull()
  })

  it('creates the organisation and logs the user in only through the mailed link, once', async () => {
    const sent = await respond(async () => register.action(args(await post('/register', registration))))
    expect(sent.status).toBe(200)
    expect(await sent.json()).toEqual({ sentTo: 'test@futian.example' })
    // Nothing exists before the link is followed: no account to log in to, no organisation holding the code.
    expect(await findUserByEmail(getDb(), 'test@futian.example')).toBeUndefined()
    const token = await registrationLink('test@futian.example')
    const page = await respond(async () => confirm.loader(args(await get(`/register/confirm/${token}`), { token })))
    expect(page.status).toBe(200)
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(await page.json()).toMatchObject({
      registration: { organisationName: registration.organisationName, email: 'test@futian.example' },
    })
    // Opening the link created nothing (a mail scanner opens links); the button does.
    expect(await findUserByEmail(getDb(), 'test@futian.example')).toBeUndefined()
    const confirmed = await respond(async () =>
      confirm.action(args(await post(`/register/confirm/${token}`, {}), { token })),
    )
    expect(confirmed.status).toBe(302)
    expect(confirmed.headers.get('location')).toBe('/applicant')
    expect(confirmed.headers.get('set-cookie')).toMatch(/__session=.*HttpOnly.*SameSite=Lax/)
    const user = await findUserByEmail(getDb(), 'test@futian.example')
    expect(user).toMatchObject({ role: 'applicant', display_name: '孙测试' })
    // A second click: the link is used up, and nothing more is created.
    const again = await respond(async () =>
      confirm.action(args(await post(`/register/confirm/${token}`, {}), { token })),
    )
    expect(again.status).toBe(410)
    expect(
      (await respond(async () => confirm.loader(args(await get(`/register/confirm/${token}`), { token })))).status,
    ).toBe(410)
    const organisations = await getDb()
      .selectFrom('organisations')
      .select('id')
      .where('uscc', '=', registration.uscc)
      .execute()
    expect(organisations).toHaveLength(1)
  })

  it('answers a taken address and a taken code exactly as a new one, and tells the owners by e-mail instead', async () => {
    const w = await world()
    const taken = await w.db
      .selectFrom('users')
      .innerJoin('organisations', 'organisations.id', 'users.organisation_id')
      .select(['users.email', 'organisations.uscc'])
      .where('users.id', '=', w.applicant.userId)
      .executeTakeFirstOrThrow()
    const fresh = { ...registration, uscc: makeUscc(9_000_001), email: 'fresh@futian.example' }
    const cases = {
      fresh,
      takenAddress: { ...fresh, uscc: registration.uscc, email: taken.email.toUpperCase() },
      takenCode: { ...fresh, uscc: taken.uscc, email: 'someone@futian.example' },
    }
    const answers: Record<string, { status: number; body: unknown }> = {}
    for (const [name, fields] of Object.entries(cases)) {
      const response = await respond(async () => register.action(args(await post('/register', fields), {}, '10.0.6.3')))
      answers[name] = { status: response.status, body: await response.json() }
    }
    // The same status and the same words, the address the form was given echoed back: nothing tells them apart.
    expect(answers.fresh).toEqual({ status: 200, body: { sentTo: 'fresh@futian.example' } })
    expect(answers.takenAddress).toEqual({ status: 200, body: { sentTo: taken.email } })
    expect(answers.takenCode).toEqual({ status: 200, body: { sentTo: 'someone@futian.example' } })
    // What happened goes to whom it concerns: the address's owner; the code's organisation, and the address given.
    expect((await mailsTo(taken.email)).map((m) => m.kind)).toContain('account.REGISTER_EXISTING')
    expect((await mailsTo(taken.email)).map((m) => m.kind)).toContain('account.USCC_ATTEMPT')
    expect(
      JSON.parse((await mailsTo(taken.email)).find((m) => m.kind === 'account.USCC_ATTEMPT')!.payload),
    ).toMatchObject({ reason: 'someone@futian.example' })
    expect((await mailsTo('someone@futian.example')).map((m) => m.kind)).toEqual(['account.USCC_TAKEN'])
    expect((await mailsTo('fresh@futian.example')).map((m) => m.kind)).toEqual(['account.CONFIRM_REGISTRATION'])
    // Nothing waits to be confirmed for the taken ones: no link exists that could create a second account.
    expect(
      await w.db
        .selectFrom('pending_registrations')
        .select('email')
        .where('email', 'in', [taken.email, 'someone@futian.example'])
        .execute(),
    ).toEqual([])
    // And none of it reaches the inbox of the account that has the address: a stranger's form post is not a message.
    expect((await listInbox(w.db, taken.email)).filter((m) => m.kind.startsWith('account.'))).toEqual([])
  })

  it('refuses a link that expired, and tells the owner of the link when the code was registered meanwhile', async () => {
    const first = { ...registration, uscc: makeUscc(9_000_002), email: 'first@futian.example' }
    const second = { ...first, email: 'second@futian.example' }
    for (const fields of [first, second])
      expect(
        (await respond(async () => register.action(args(await post('/register', fields), {}, '10.0.6.4')))).status,
      ).toBe(200)
    const firstToken = await registrationLink('first@futian.example')
    const secondToken = await registrationLink('second@futian.example')
    expect((await registerAndConfirmToken(firstToken)).status).toBe(302)
    const late = await registerAndConfirmToken(secondToken)
    expect(late.status).toBe(409)
    expect(await late.json()).toMatchObject({ messageKey: 'auth.usccTaken' })
    expect(await findUserByEmail(getDb(), 'second@futian.example')).toBeUndefined()

    const third = { ...first, uscc: makeUscc(9_000_003), email: 'third@futian.example' }
    await respond(async () => register.action(args(await post('/register', third), {}, '10.0.6.4')))
    const thirdToken = await registrationLink('third@futian.example')
    await getDb()
      .updateTable('pending_registrations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('email', '=', 'third@futian.example')
      .execute()
    expect((await registerAndConfirmToken(thirdToken)).status).toBe(410)
    expect(await findUserByEmail(getDb(), 'third@futian.example')).toBeUndefined()
  })
})

function registerAndConfirmToken(token: string): Promise<Response> {
  return respond(async () => confirm.action(args(await post(`/register/confirm/${token}`, {}), { token })))
}

describe('login and logout', () => {
  it('refuses a wrong password without saying whether the e-mail exists', async () => {
    const w = await world()
    const user = await w.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', w.admin.userId)
      .executeTakeFirstOrThrow()
    for (const email of [user.email, 'nobody@nowhere.example']) {
      const response = await respond(async () =>
        login.action(args(await post('/login', { email, password: 'wrong-password' }))),
      )
      expect(response.status).toBe(400)
      expect(await response.json()).toEqual({ messageKey: 'auth.badCredentials' })
    }
  })

  it('starts a fresh session at login and deletes it at logout, so the old cookie is worthless', async () => {
    const w = await world()
    const user = await w.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', w.admin.userId)
      .executeTakeFirstOrThrow()
    const response = await respond(async () =>
      login.action(args(await post('/login', { email: user.email, password: 'password-123' }))),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/admin')
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!
    // Each of the browser's requests is a new Request, as each HTTP request is.
    const asBrowser = () => new Request(`${origin}/admin`, { headers: { cookie } })
    expect((await getSessionUser(asBrowser()))?.id).toBe(w.admin.userId)

    const out = await respond(async () => {
      const request = await post('/logout', {})
      request.headers.set('cookie', `${request.headers.get('cookie')}; ${cookie}`)
      return logout.action(args(request))
    })
    expect(out.status).toBe(302)
    expect(await getSessionUser(asBrowser())).toBeNull()
    const sessionId = decodeURIComponent(cookie.split('=')[1]!)
    expect(await findSession(w.db, sessionId)).toBeUndefined()
  })

  it('locks an account after five wrong passwords from one address, for that address only, and says so', async () => {
    const w = await world()
    const user = await w.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', w.reviewers[1]!.userId)
      .executeTakeFirstOrThrow()
    for (let i = 0; i < 5; i++) {
      const wrong = await respond(async () =>
        login.action(args(await post('/login', { email: user.email, password: `guess-${i}` }), {}, '203.0.113.9')),
      )
      expect(wrong.status).toBe(400)
    }
    const locked = await respond(async () =>
      login.action(args(await post('/login', { email: user.email, password: 'password-123' }), {}, '203.0.113.9')),
    )
    expect(locked.status).toBe(429)
    expect(await locked.json()).toEqual({ messageKey: 'errors.tooManyRequests', vars: { minutes: 15 } })
    // The owner, elsewhere, is not locked out by whoever guessed.
    const owner = await respond(async () =>
      login.action(args(await post('/login', { email: user.email, password: 'password-123' }), {}, '198.51.100.7')),
    )
    expect(owner.status).toBe(302)
    // After the window the right password works again from the first address too.
    await w.db.updateTable('rate_limits').set({ expire: 1 }).execute()
    const again = await respond(async () =>
      login.action(args(await post('/login', { email: user.email, password: 'password-123' }), {}, '203.0.113.9')),
    )
    expect(again.status).toBe(302)
  })

  it('follows only same-site paths after login', async () => {
    const w = await world()
    const user = await w.db
      .selectFrom('users')
      .select('email')
      .where('id', '=', w.admin.userId)
      .executeTakeFirstOrThrow()
    const request = await post('/login?next=//evil.example/steal', { email: user.email, password: 'password-123' })
    const response = await respond(async () => login.action(args(request)))
    expect(response.headers.get('location')).toBe('/admin')
  })
})

describe('form protections', () => {
  async function draftFor() {
    const w = await world()
    const id = await startApplication(w.db, w.applicant, w.cycle.id)
    const path = `/applicant/applications/${id}/edit/category`
    const fields = {
      intent: 'continue',
      categoryCode: 'culture',
      awardType: 'organisation',
      projectName: '',
      version: '1',
    }
    return { w, id, path, fields }
  }

  it('refuses a post without the CSRF token, with a wrong token, or from another site, and changes nothing', async () => {
    const { w, id, path, fields } = await draftFor()
    const attempts = [
      await post(path, fields, { userId: w.applicant.userId, token: null }),
      await post(path, fields, { userId: w.applicant.userId, token: 'y'.repeat(43) }),
      await post(path, fields, { userId: w.applicant.userId, headers: { origin: 'https://evil.example' } }),
      await post(path, fields, { userId: w.applicant.userId, headers: { 'sec-fetch-site': 'cross-site' } }),
    ]
    for (const request of attempts) {
      const response = await respond(async () =>
        applicantEdit.action(args(request, { id: String(id), step: 'category' })),
      )
      expect(response.status).toBe(403)
      expect(await response.json()).toEqual({ messageKey: 'errors.csrf' })
    }
    expect(await loadApplicationForUpdate(w.db, id)).toMatchObject({ category_code: null, version: 1 })
  })

  it('refuses a body over 1 MB with 413 before parsing, whether or not it declares its length', async () => {
    const { w, id, path, fields } = await draftFor()
    const big = { ...fields, projectName: 'x'.repeat(1024 * 1024 + 1) }
    const declared = await post(path, big, { userId: w.applicant.userId })
    const response = await respond(async () =>
      applicantEdit.action(args(declared, { id: String(id), step: 'category' })),
    )
    expect(response.status).toBe(413)

    const template = await post(path, {}, { userId: w.applicant.userId })
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(`a${i}=${'y'.repeat(64 * 1024)}&`))
        controller.close()
      },
    })
    const streamed = new Request(template.url, {
      method: 'POST',
      body: chunks,
      headers: template.headers,
      duplex: 'half',
    } as RequestInit)
    const streamedResponse = await respond(async () =>
      applicantEdit.action(args(streamed, { id: String(id), step: 'category' })),
    )
    expect(streamedResponse.status).toBe(413)
    expect(await loadApplicationForUpdate(w.db, id)).toMatchObject({ version: 1 })
  })

  it('answers invalid step input with the same field errors the browser shows, and saves nothing', async () => {
    const { w, id } = await draftFor()
    const path = `/applicant/applications/${id}/edit/profile`
    const request = await post(
      path,
      { intent: 'continue', version: '1', registeredAddress: '', employees: '-3', registrationDate: '2010-02-30' },
      { userId: w.applicant.userId },
    )
    const response = await respond(async () => applicantEdit.action(args(request, { id: String(id), step: 'profile' })))
    expect(response.status).toBe(400)
    const body = (await response.json()) as { fieldErrors: Record<string, string> }
    expect(body.fieldErrors).toMatchObject({ registeredAddress: 'errors.required', registrationDate: 'errors.date' })
    expect(body.fieldErrors.employees).toBe('errors.tooSmall')
    expect(await loadApplicationForUpdate(w.db, id)).toMatchObject({ profile: null, version: 1 })
  })

  it('autosaves the self-assessment in place, answering the version the next save must carry', async () => {
    const { w, id } = await draftFor()
    const path = `/applicant/applications/${id}/edit/selfAssessment`
    const save = async (version: string, text: string) =>
      respond(async () =>
        applicantEdit.action(
          args(await post(path, { intent: 'autosave', version, 'sections.0': text }, { userId: w.applicant.userId }), {
            id: String(id),
            step: 'selfAssessment',
          }),
        ),
      )
    const first = await save('1', '第一稿')
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({ autosaved: { at: expect.any(String), version: 2 } })
    expect((await save('2', '第二稿')).status).toBe(200)
    expect(JSON.parse((await loadApplicationForUpdate(w.db, id))!.self_assessment!)).toEqual({
      sections: ['第二稿'],
      selfScores: [],
    })
    // A stale autosave (another tab saved meanwhile) is refused, not written over the newer text.
    expect((await save('2', '旧标签页')).status).toBe(409)
    expect(JSON.parse((await loadApplicationForUpdate(w.db, id))!.self_assessment!)).toEqual({
      sections: ['第二稿'],
      selfScores: [],
    })
  })

  it('saves a step and moves on, so leaving and coming back resumes at the next step', async () => {
    const { w, id, path, fields } = await draftFor()
    const response = await respond(async () =>
      applicantEdit.action(
        args(await post(path, fields, { userId: w.applicant.userId }), { id: String(id), step: 'category' }),
      ),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe(`/applicant/applications/${id}/edit/eligibility`)
    expect(await loadApplicationForUpdate(w.db, id)).toMatchObject({
      category_code: 'culture',
      award_type: 'organisation',
      last_step: 'eligibility',
      version: 2,
    })
  })
})

describe('changing a password', () => {
  it('needs the current password, then logs the user out everywhere else', async () => {
    const account = await import('~/routes/account')
    const w = await world()
    // The other browser's cookie; each of its requests is a new Request, as each HTTP request is.
    const otherCookie = await sessionCookieHeader(w.reviewers[0]!.userId)
    const fromOther = () => new Request(origin, { headers: { cookie: otherCookie } })
    const here = await post(
      '/account',
      { currentPassword: 'wrong-one', newPassword: 'a-new-password-1', confirmPassword: 'a-new-password-1' },
      { userId: w.reviewers[0]!.userId },
    )
    const refused = await respond(async () => account.action(args(here)))
    expect(refused.status).toBe(400)
    expect(await refused.json()).toMatchObject({ fieldErrors: { currentPassword: 'account.wrongPassword' } })
    expect(await getSessionUser(fromOther())).not.toBeNull()

    const request = await post(
      '/account',
      { currentPassword: 'password-123', newPassword: 'a-new-password-1', confirmPassword: 'a-new-password-1' },
      { userId: w.reviewers[0]!.userId },
    )
    const done = await respond(async () => account.action(args(request)))
    expect(done.status).toBe(302)
    expect(await getSessionUser(fromOther())).toBeNull()
    expect((await getSessionUser(request))?.id).toBe(w.reviewers[0]!.userId)
    const email = (
      await w.db.selectFrom('users').select('email').where('id', '=', w.reviewers[0]!.userId).executeTakeFirstOrThrow()
    ).email
    const login = await import('~/routes/login')
    const withNew = await respond(async () =>
      login.action(args(await post('/login', { email, password: 'a-new-password-1' }))),
    )
    expect(withNew.status).toBe(302)
  })
})
