import { describe, expect, it } from 'vitest'
import { findUserByEmail } from '../../db/repositories/users'
import { findSession } from '../../db/repositories/sessions'
import { getDb } from '../../db/client.server'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { startApplication } from '../../workflows/application/application.server'
import * as applicantEdit from '~/routes/applicant.applications.$id.edit.$step'
import * as login from '~/routes/login'
import * as logout from '~/routes/logout'
import * as register from '~/routes/register'
import { getSessionUser } from '~/utils/session.server'
import { checkCharacterFor } from '../../workflows/application/uscc'
import { world } from '../integration/helpers'
import { args, origin, post, respond, sessionCookieHeader } from './http'

const registration = {
  organisationName: '深圳市福田测试有限公司',
  uscc: '91440300708461136T',
  contactPerson: '孙测试',
  email: 'Test@Futian.example',
  phone: '13912345678',
  password: 'futian-password',
  confirmPassword: 'futian-password',
}

describe('registration', () => {
  it('refuses a credit code whose check character is wrong, saying so, and creates nothing', async () => {
    const response = await respond(async () =>
      register.action(args(await post('/register', { ...registration, uscc: '91440300708461136U' }))),
    )
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({ fieldErrors: { uscc: 'errors.usccCheckCharacter' } })
    expect(await findUserByEmail(getDb(), 'test@futian.example')).toBeUndefined()
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
    const response = await respond(async () =>
      register.action(
        args(
          await post('/register', {
            ...explained,
            usccExplanation: '营业执照原件上的代码即为此代码，登记机关已出具说明。',
          }),
          {},
          '10.0.6.1',
        ),
      ),
    )
    expect(response.status).toBe(302)
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
    expect(
      (await respond(async () => register.action(args(await post('/register', valid), {}, '10.0.6.2')))).status,
    ).toBe(302)
    const organisation = await getDb()
      .selectFrom('organisations')
      .select('uscc_explanation')
      .where('uscc', '=', valid.uscc)
      .executeTakeFirstOrThrow()
    expect(organisation.uscc_explanation).toBeNull()
  })

  it('registers the organisation, logs the user in, and refuses the same credit code twice', async () => {
    const response = await respond(async () => register.action(args(await post('/register', registration))))
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/applicant')
    expect(response.headers.get('set-cookie')).toMatch(/__session=.*HttpOnly.*SameSite=Lax/)
    const user = await findUserByEmail(getDb(), 'test@futian.example')
    expect(user).toMatchObject({ role: 'applicant', display_name: '孙测试' })
    const again = await respond(async () =>
      register.action(args(await post('/register', { ...registration, email: 'other@futian.example' }))),
    )
    expect(again.status).toBe(400)
    expect(await again.json()).toMatchObject({ fieldErrors: { uscc: 'auth.usccTaken' } })
  })
})

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
    expect(JSON.parse((await loadApplicationForUpdate(w.db, id))!.self_assessment!)).toEqual({ sections: ['第二稿'] })
    // A stale autosave (another tab saved meanwhile) is refused, not written over the newer text.
    expect((await save('2', '旧标签页')).status).toBe(409)
    expect(JSON.parse((await loadApplicationForUpdate(w.db, id))!.self_assessment!)).toEqual({ sections: ['第二稿'] })
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
