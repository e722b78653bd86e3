import { describe, expect, it } from 'vitest'
import { createCompleteDraft, createStaffAccount } from '../../db/factories'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import type { Office } from '../../db/schema'
import { decideApplication, submitApplication } from '../../workflows/application/application.server'
import type { Actor } from '../../workflows/application/application.policy'
import * as applicationPage from '~/routes/admin.applications.$id/route'
import * as auditExport from '~/routes/admin.audit[.]csv'
import * as desk from '~/routes/admin._index'
import * as ranking from '~/routes/admin.ranking'
import * as staffPage from '~/routes/admin.staff'
import { inDocumentReview, rejection, submitSheet, world, type World } from '../integration/helpers'
import { args, get, post, respond } from './http'

/** Issue 22: which office may do which act, as a member of each office meets it through the pages. */
async function staffOf(w: World) {
  const make = (office: Office) =>
    createStaffAccount(w.db, {
      role: 'admin',
      name: `${office}-${w.cycle.year}`,
      email: `${office}-${w.cycle.year}@t.example`,
      password: 'password-123',
      offices: [office],
    })
  return {
    secretariat: await make('secretariat'),
    agency: await make('agency'),
    committee: await make('committee'),
    supervisor: await make('supervisor'),
  }
}

async function submitted(w: World) {
  const draft = await createCompleteDraft(w.db, w.applicant, w.cycle.id)
  const { version } = await submitApplication(w.db, {
    applicationId: draft.id,
    actor: w.applicant,
    expectedVersion: draft.version,
  })
  return { id: draft.id, version }
}

const statusOf = async (w: World, id: number) => (await loadApplicationForUpdate(w.db, id))!.status

async function postOnApplication(id: number, fields: Record<string, string>, actor: Actor) {
  return respond(async () =>
    applicationPage.action(
      args(await post(`/admin/applications/${id}`, fields, { userId: actor.userId }), { id: String(id) }),
    ),
  )
}

describe('offices and duties (issue 22)', () => {
  it('the review agency runs eligibility review; the secretariat and the committee may not', async () => {
    const w = await world()
    const staff = await staffOf(w)
    const app = await submitted(w)
    for (const actor of [staff.secretariat, staff.committee]) {
      const refused = await postOnApplication(app.id, { intent: 'start', version: String(app.version) }, actor)
      expect(refused.status).toBe(403)
      expect(((await refused.json()) as { messageKey: string }).messageKey).toBe('errors.forbidden')
      expect(await statusOf(w, app.id)).toBe('submitted')
    }
    const started = await postOnApplication(app.id, { intent: 'start', version: String(app.version) }, staff.agency)
    expect(started.status).toBe(302)
    expect(await statusOf(w, app.id)).toBe('eligibilityReview')
    // The audit names the office its actor acted in.
    const audit = await w.db
      .selectFrom('audit_log')
      .select(['event', 'actor_offices'])
      .where('entity', '=', 'application')
      .where('entity_id', '=', app.id)
      .orderBy('id')
      .execute()
    expect(audit.at(-1)).toEqual({ event: 'START_ELIGIBILITY_REVIEW', actor_offices: 'agency' })
    expect(audit.find((entry) => entry.event === 'SUBMIT')).toEqual({ event: 'SUBMIT', actor_offices: null })
  })

  it('only the committee decides: the agency and the secretariat are refused, with nothing written', async () => {
    const w = await world()
    const staff = await staffOf(w)
    const app = await inDocumentReview(w)
    for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 70)
    const decide = async (actor: Actor) =>
      decideApplication(w.db, {
        applicationId: app.id,
        actor,
        expectedVersion: (await loadApplicationForUpdate(w.db, app.id))!.version,
        levelId: null,
        reason: '',
      })
    for (const actor of [staff.agency, staff.secretariat, staff.supervisor])
      expect((await rejection(decide(actor))).status).toBe(403)
    expect(await statusOf(w, app.id)).toBe('scored')
    await decide(staff.committee)
    expect(await statusOf(w, app.id)).toBe('decided')
  })

  it('the agency draws experts; the committee may not', async () => {
    const w = await world()
    const staff = await staffOf(w)
    // The world's pool is four experts: three per application leaves room for the draw.
    await w.db.updateTable('cycles').set({ reviewers_per_application: 3 }).where('id', '=', w.cycle.id).execute()
    const app = await inDocumentReview(w, w.applicant, [])
    const refused = await postOnApplication(app.id, { intent: 'draw' }, staff.committee)
    expect(refused.status).toBe(403)
    const assigned = () => w.db.selectFrom('assignments').select('id').where('application_id', '=', app.id).execute()
    expect(await assigned()).toEqual([])
    expect((await postOnApplication(app.id, { intent: 'draw' }, staff.agency)).status).toBe(302)
    expect((await assigned()).length).toBeGreaterThan(0)
  })

  it('a supervisor reads every back-office page and the audit log, and every form they post is refused', async () => {
    const w = await world()
    const staff = await staffOf(w)
    const app = await submitted(w)
    const read = async (loader: (a: ReturnType<typeof args>) => Promise<unknown>, path: string, params = {}) =>
      (await respond(async () => loader(args(await get(path, staff.supervisor.userId), params)))).status
    expect(await read(desk.loader, '/admin')).toBe(200)
    expect(await read(applicationPage.loader, `/admin/applications/${app.id}`, { id: String(app.id) })).toBe(200)
    expect(await read(ranking.loader, '/admin/ranking')).toBe(200)
    expect(await read(staffPage.loader, '/admin/staff')).toBe(200)

    const csv = await respond(async () =>
      auditExport.loader(args(await get('/admin/audit.csv', staff.supervisor.userId))),
    )
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-disposition')).toContain('audit-log.csv')
    const bytes = new Uint8Array(await csv.arrayBuffer())
    // A byte-order mark first, so Excel on Chinese Windows reads the names.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder().decode(bytes)
    expect(text.startsWith('序号,时间（协调世界时）,对象,对象编号,事件')).toBe(true)
    expect(text).toContain(`,SUBMIT,`)

    // Any post: the page's own action never runs (here one the agency may do, and saving a filter).
    for (const [action, path, fields, params] of [
      [applicationPage.action, `/admin/applications/${app.id}`, { intent: 'start' }, { id: String(app.id) }],
      [desk.action, '/admin', { intent: 'saveFilter', name: 'mine' }, {}],
      [staffPage.action, '/admin/staff', { intent: 'invite', name: 'x', email: 'x@t.example', offices: 'agency' }, {}],
    ] as const) {
      const response = await respond(async () =>
        action(args(await post(path, fields, { userId: staff.supervisor.userId }), params)),
      )
      expect(response.status).toBe(403)
      expect(await response.text()).toContain('errors.readOnlyOffice')
    }
    expect(await statusOf(w, app.id)).toBe('submitted')
    // Only the offices that keep the record may export it.
    const agencyCsv = await respond(async () =>
      auditExport.loader(args(await get('/admin/audit.csv', staff.agency.userId))),
    )
    expect(agencyCsv.status).toBe(403)
  })
})

describe('the staff page (issue 22)', () => {
  const invite = async (actor: Actor, fields: URLSearchParams) =>
    respond(async () => staffPage.action(args(await post('/admin/staff', fields, { userId: actor.userId }))))

  it('the secretariat invites a committee member by e-mail, on the record; nobody else may', async () => {
    const w = await world()
    const staff = await staffOf(w)
    const email = `member-${w.cycle.year}@t.example`
    const fields = new URLSearchParams([
      ['intent', 'invite'],
      ['name', '委员甲'],
      ['email', email],
      ['offices', 'committee'],
    ])
    for (const actor of [staff.agency, staff.committee]) expect((await invite(actor, fields)).status).toBe(403)
    expect(await w.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined()

    expect((await invite(staff.secretariat, fields)).status).toBe(302)
    const user = await w.db
      .selectFrom('users')
      .select(['id', 'role'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow()
    expect(user.role).toBe('admin')
    const offices = await w.db.selectFrom('user_offices').select('office').where('user_id', '=', user.id).execute()
    expect(offices).toEqual([{ office: 'committee' }])
    const invitation = await w.db
      .selectFrom('outbox')
      .select('kind')
      .where('recipient', '=', email)
      .executeTakeFirstOrThrow()
    expect(invitation.kind).toBe('account.INVITED')
    const change = await w.db
      .selectFrom('office_changes')
      .select(['event', 'offices_before', 'offices_after', 'actor_user_id'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow()
    expect(change).toEqual({
      event: 'invited',
      offices_before: '',
      offices_after: 'committee',
      actor_user_id: staff.secretariat.userId,
    })

    // The committee member signs in to a page that names their office and their duties.
    const page = (await (
      await respond(async () => staffPage.loader(args(await get('/admin/staff', user.id))))
    ).json()) as { mine: string[]; staff: Array<{ id: number; offices: string[] }> }
    expect(page.mine).toEqual(['readRecords', 'decide'])
    expect(page.staff.find((s) => s.id === user.id)?.offices).toEqual(['committee'])
  })

  it('refuses an account with no office, offices the rules keep apart, and a change of one’s own offices', async () => {
    const w = await world()
    const staff = await staffOf(w)
    const attempt = async (offices: string[], email = `x-${offices.join('-')}-${w.cycle.year}@t.example`) => {
      const response = await invite(
        staff.secretariat,
        new URLSearchParams([
          ['intent', 'invite'],
          ['name', '某人'],
          ['email', email],
          ...offices.map((o) => ['offices', o]),
        ]),
      )
      expect(response.status).toBe(400)
      expect(await w.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined()
      return ((await response.json()) as { fieldErrors: Record<string, string> }).fieldErrors.offices
    }
    expect(await attempt([])).toBe('staff.officesRequired')
    expect(await attempt(['nonsense'])).toBe('staff.officesRequired')
    expect(await attempt(['supervisor', 'secretariat'])).toBe('staff.supervisorAlone')
    expect(await attempt(['agency', 'committee'])).toBe('staff.agencyNotCommittee')

    // The secretariat gives an account these offices.
    const setOffices = async (userId: number, offices: string[]) =>
      respond(async () =>
        staffPage.action(
          args(
            await post(
              '/admin/staff',
              new URLSearchParams([
                ['intent', 'setOffices'],
                ['userId', String(userId)],
                ...offices.map((office) => ['offices', office]),
              ]),
              { userId: staff.secretariat.userId },
            ),
          ),
        ),
      )
    const own = await setOffices(staff.secretariat.userId, ['secretariat', 'agency'])
    expect(own.status).toBe(409)

    // Narrowing another account: on the record, and the account can no longer do what it could.
    const narrowed = await setOffices(w.admin.userId, ['committee'])
    expect(narrowed.status).toBe(302)
    const app = await submitted(w)
    const refused = await postOnApplication(app.id, { intent: 'start', version: String(app.version) }, w.admin)
    expect(refused.status).toBe(403)
    const change = await w.db
      .selectFrom('office_changes')
      .select(['offices_before', 'offices_after'])
      .where('user_id', '=', w.admin.userId)
      .executeTakeFirstOrThrow()
    expect(change).toEqual({ offices_before: 'secretariat,agency,committee', offices_after: 'committee' })
  })
})
