import fs from 'node:fs'
import path from 'node:path'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { databasePath, getAwardDb } from '../../db/client.server'
import { loadApplicationForUpdate } from '../../db/repositories/applications'
import { getCycle } from '../../db/repositories/cycles'
import { findLiveRehearsal } from '../../db/repositories/rehearsals'
import { isPostgres } from '../../db/sql-dialect'
import { rehearsalDb, removeCopy } from '../../db/rehearsal-storage'
import { addDays, beijingDate, beijingToday } from '../../workflows/time'
import * as adminPdf from '~/routes/admin.applications.$id.application[.]pdf'
import * as ranking from '~/routes/admin.ranking'
import * as rehearsals from '~/routes/admin.rehearsals'
import * as root from '~/root'
import { resetEnvForTests } from '~/utils/env.server'
import { rehearsalScopeOf, withRequestRehearsal } from '~/utils/rehearsal-scope.server'
import { type CapturedEmail, emailProvider, emailProviderUrl } from '../msw/email-provider'
import { decideLevel, inDocumentReview, submitSheet, world } from '../integration/helpers'
import { createStaffAccount } from '../../db/factories'
import { args, csrfToken, get, post, respond } from './http'
import { textOf } from './pdf-text'

/**
 * A rehearsal (演练, issue 24): the secretariat copies the award into a sandbox with its own clock, walks through
 * what is to come there, and removes it. Nothing done in it reaches the award, and nothing is sent.
 */
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  vi.unstubAllEnvs()
  resetEnvForTests()
})
afterAll(() => server.close())

type World = Awaited<ReturnType<typeof world>>

async function registerAction(w: World, fields: Record<string, string>, cookie = '') {
  const request = await post('/admin/rehearsals', fields, { userId: w.admin.userId })
  if (cookie) request.headers.set('cookie', `${request.headers.get('cookie')}; ${cookie}`)
  return respond(() => rehearsals.action(args(request)))
}

/** The rehearsal cookie a response set (`__rehearsal=…`), or '' when it cleared it. */
function rehearsalCookieOf(response: Response): string {
  const set = response.headers.getSetCookie().find((c) => c.startsWith('__rehearsal='))
  if (!set) throw new Error('no rehearsal cookie set')
  return set.includes('Max-Age=0') ? '' : set.split(';')[0]!
}

/** A form post to a page as a browser in the rehearsal sends it: its cookie, and its form marked as shown there. */
async function inRehearsalPost(
  path: string,
  fields: Record<string, string>,
  options: { userId: number; cookie: string; shownIn: number | null },
) {
  const token = options.shownIn === null ? csrfToken : `${csrfToken}~r${options.shownIn}`
  const request = await post(path, fields, { userId: options.userId, token })
  if (options.cookie) request.headers.set('cookie', `${request.headers.get('cookie')}; ${options.cookie}`)
  return request
}

async function decidedWorld() {
  const w = await world()
  const app = await inDocumentReview(w)
  for (const reviewer of w.reviewers.slice(0, 3)) await submitSheet(w, app.id, reviewer, 85)
  await decideLevel(w, app.id, 'gold', '')
  return { w, app }
}

describe('a rehearsal of the cycle', () => {
  it('walks the notice, the approval and publication through on its copy and clock, the award untouched, nothing sent', async () => {
    const captured: CapturedEmail[] = []
    server.use(emailProvider(captured))
    vi.stubEnv('EMAIL_API_URL', emailProviderUrl)
    vi.stubEnv('PUBLIC_URL', 'https://award.example')
    resetEnvForTests()
    const { w, app } = await decidedWorld()
    const outboxBefore = await w.db.selectFrom('outbox').select('id').execute()

    const made = await registerAction(w, { intent: 'create' })
    expect(made.status).toBe(302)
    expect(made.headers.get('location')).toBe('/admin')
    const cookie = rehearsalCookieOf(made)
    const scope = await rehearsalScopeOf(
      await inRehearsalPost('/admin/ranking', {}, { userId: w.admin.userId, cookie, shownIn: null }),
    )
    expect(scope).toBeDefined()
    const id = scope!.rehearsalId
    const copy = (await rehearsalDb(getAwardDb(), (await findLiveRehearsal(getAwardDb(), id))!.storage))!
    expect((await loadApplicationForUpdate(copy, app.id))?.status).toBe('decided')

    // Every page in the rehearsal says so, with its clock; its forms are marked as shown there.
    const page = await get('/admin', w.admin.userId)
    page.headers.set('cookie', `${page.headers.get('cookie')}; ${cookie}`)
    const rootData = (await (
      await withRequestRehearsal(page, () => respond(() => root.loader(args(page))))
    ).json()) as { rehearsal: { id: number; clock: string } | null; csrf: string }
    expect(rootData.rehearsal?.id).toBe(id)
    expect(rootData.csrf.endsWith(`~r${id}`)).toBe(true)

    const startNotice = (shownIn: number | null, withCookie: boolean) =>
      inRehearsalPost(
        '/admin/ranking',
        { intent: 'startNotice', cycleId: String(w.cycle.id) },
        { userId: w.admin.userId, cookie: withCookie ? cookie : '', shownIn },
      )
    // A form of the award posted in the rehearsal, and the rehearsal's form posted outside it: both refused.
    const fromAward = await startNotice(null, true)
    const refusedIn = await withRequestRehearsal(fromAward, () => respond(() => ranking.action(args(fromAward))))
    expect(refusedIn.status).toBe(409)
    expect(await refusedIn.json()).toMatchObject({ messageKey: 'rehearsal.formFromAward' })
    const fromRehearsal = await startNotice(id, false)
    const refusedOut = await withRequestRehearsal(fromRehearsal, () =>
      respond(() => ranking.action(args(fromRehearsal))),
    )
    expect(refusedOut.status).toBe(409)
    expect(await refusedOut.json()).toMatchObject({ messageKey: 'rehearsal.formFromRehearsal' })
    expect((await loadApplicationForUpdate(copy, app.id))?.status).toBe('decided')

    const started = await startNotice(id, true)
    expect((await withRequestRehearsal(started, () => respond(() => ranking.action(args(started))))).status).toBe(302)
    const onNotice = await loadApplicationForUpdate(copy, app.id)
    expect(onNotice?.status).toBe('publicNotice')
    expect((await loadApplicationForUpdate(w.db, app.id))?.status).toBe('decided')

    // The notice runs five working days: the clock moves past its end, and only forward.
    const back = await registerAction(w, {
      intent: 'clock',
      rehearsalId: String(id),
      version: '1',
      to: '2020-01-01T09:00',
    })
    expect(back.status).toBe(400)
    expect(await back.json()).toMatchObject({ rehearsalId: id, fieldErrors: { to: 'rehearsal.clockBack' } })
    const moved = await registerAction(w, { intent: 'clock', rehearsalId: String(id), version: '1', days: '14' })
    expect(moved.status).toBe(200)
    const { clockAt } = ((await moved.json()) as { moved: { clockAt: string } }).moved
    expect(Date.parse(clockAt) - Date.now()).toBeGreaterThan(13.9 * 86_400_000)
    expect(Date.parse(onNotice!.notice_ends_at!)).toBeLessThan(Date.parse(clockAt))

    // Approved on the rehearsal's date (a date still in the future for the award), then published.
    const approvedOn = beijingDate(clockAt)
    const approve = await inRehearsalPost(
      '/admin/ranking',
      {
        intent: 'approve',
        cycleId: String(w.cycle.id),
        version: '1',
        documentNumber: '深府函〔演练〕1号',
        approvedOn,
      },
      { userId: w.admin.userId, cookie, shownIn: id },
    )
    expect((await withRequestRehearsal(approve, () => respond(() => ranking.action(args(approve))))).status).toBe(302)
    const publish = await inRehearsalPost(
      '/admin/ranking',
      { intent: 'publish', cycleId: String(w.cycle.id), version: '2' },
      { userId: w.admin.userId, cookie, shownIn: id },
    )
    expect((await withRequestRehearsal(publish, () => respond(() => ranking.action(args(publish))))).status).toBe(302)
    expect((await loadApplicationForUpdate(copy, app.id))?.status).toBe('published')
    expect(await getCycle(copy, w.cycle.id)).toMatchObject({ approved_on: approvedOn })
    expect((await getCycle(copy, w.cycle.id))?.results_published_at).not.toBeNull()

    // The award: as it was.
    expect((await loadApplicationForUpdate(w.db, app.id))?.status).toBe('decided')
    expect(await getCycle(w.db, w.cycle.id)).toMatchObject({
      results_published_at: null,
      approved_on: null,
      version: 1,
    })
    expect(await w.db.selectFrom('outbox').select('id').execute()).toEqual(outboxBefore)
    // The rehearsal's messages stay in its copy, unsent, and its page lists them; the provider heard nothing.
    const queued = await copy.selectFrom('outbox').select(['recipient', 'kind', 'sent_at']).execute()
    expect(queued.length).toBeGreaterThan(0)
    expect(queued.every((m) => m.sent_at === null)).toBe(true)
    expect(captured).toEqual([])
    const listed = (await (
      await respond(async () => rehearsals.loader(args(await get('/admin/rehearsals', w.admin.userId))))
    ).json()) as { rehearsals: Array<{ id: number; messages: unknown[]; clock: string }> }
    expect(listed.rehearsals.find((r) => r.id === id)?.messages).toHaveLength(queued.length)

    // A document printed in the rehearsal says so at its top and in its name; the award's does not.
    const print = async (inIt: boolean) => {
      const request = await get(`/admin/applications/${app.id}/application.pdf`, w.admin.userId)
      if (inIt) request.headers.set('cookie', `${request.headers.get('cookie')}; ${cookie}`)
      return withRequestRehearsal(request, () => respond(() => adminPdf.loader(args(request, { id: String(app.id) }))))
    }
    const printedIn = await print(true)
    expect(decodeURIComponent(printedIn.headers.get('content-disposition')!)).toContain(`rehearsal-${id}-`)
    expect(await textOf(printedIn)).toContain(`演练 #${id} · 非正式文件`)
    expect(await textOf(await print(false))).not.toContain('演练')

    // Removed: the copy is gone, the cookie cleared, and a rehearsal's form posted later is refused.
    const storage = (await findLiveRehearsal(getAwardDb(), id))!.storage
    const removed = await registerAction(w, { intent: 'delete', rehearsalId: String(id), version: '2' }, cookie)
    expect(removed.status).toBe(302)
    expect(rehearsalCookieOf(removed)).toBe('')
    expect(await findLiveRehearsal(getAwardDb(), id)).toBeUndefined()
    if (isPostgres(w.db)) {
      const schemas = await w.db
        .selectFrom('information_schema.schemata' as never)
        .select('schema_name' as never)
        .where('schema_name' as never, '=', storage as never)
        .execute()
      expect(schemas).toEqual([])
    } else {
      expect(
        fs.existsSync(path.join(path.dirname(path.resolve(databasePath())), 'rehearsals', `${storage}.sqlite`)),
      ).toBe(false)
    }
    const late = await startNotice(id, true)
    expect(await rehearsalScopeOf(late)).toBeUndefined()
    const lateAnswer = await withRequestRehearsal(late, () => respond(() => ranking.action(args(late))))
    expect(await lateAnswer.json()).toMatchObject({ messageKey: 'rehearsal.formFromRehearsal' })
    expect((await loadApplicationForUpdate(w.db, app.id))?.status).toBe('decided')

    // The cycle's history on the award: made, clock moved, removed; by whom.
    const history = await w.db
      .selectFrom('audit_log')
      .select(['event', 'reason', 'actor_user_id'])
      .where('entity', '=', 'cycle')
      .where('entity_id', '=', w.cycle.id)
      .where('event', '=', 'REHEARSAL')
      .orderBy('id')
      .execute()
    expect(history.map((row) => JSON.parse(row.reason!).action)).toEqual(['created', 'clockMoved', 'deleted'])
    expect(history.every((row) => row.actor_user_id === w.admin.userId)).toBe(true)
  })

  it('queues the reminders that fall due as its clock moves, in its copy only', async () => {
    const { w, app } = await (async () => {
      const w = await world()
      return { w, app: await inDocumentReview(w) }
    })()
    const dueDate = addDays(beijingToday(), 10)
    await w.db.updateTable('assignments').set({ due_date: dueDate }).where('application_id', '=', app.id).execute()
    const made = await registerAction(w, { intent: 'create' })
    const cookie = rehearsalCookieOf(made)
    const id = (await rehearsalScopeOf(
      await inRehearsalPost('/admin', {}, { userId: w.admin.userId, cookie, shownIn: null }),
    ))!.rehearsalId
    const copy = (await rehearsalDb(getAwardDb(), (await findLiveRehearsal(getAwardDb(), id))!.storage))!

    const early = await registerAction(w, { intent: 'clock', rehearsalId: String(id), version: '1', days: '2' })
    expect(((await early.json()) as { moved: { due: { experts: number } } }).moved.due.experts).toBe(0)
    const due = await registerAction(w, { intent: 'clock', rehearsalId: String(id), version: '2', days: '7' })
    expect(((await due.json()) as { moved: { due: { experts: number } } }).moved.due.experts).toBe(3)
    const reminders = (db: typeof w.db) =>
      db.selectFrom('outbox').select('recipient').where('kind', '=', 'review.REMINDER').execute()
    expect(await reminders(copy)).toHaveLength(3)
    expect(await reminders(w.db)).toHaveLength(0)

    // A stale form (the version moved) changes nothing.
    const stale = await registerAction(w, { intent: 'clock', rehearsalId: String(id), version: '2', days: '1' })
    expect(stale.status).toBe(409)
    await registerAction(w, { intent: 'delete', rehearsalId: String(id), version: '3' })
  })

  it('is for staff: an applicant with the cookie works on the award, only the secretariat makes one', async () => {
    const { w } = await decidedWorld()
    const made = await registerAction(w, { intent: 'create' })
    const cookie = rehearsalCookieOf(made)
    const asApplicant = await get('/applicant', w.applicant.userId)
    asApplicant.headers.set('cookie', `${asApplicant.headers.get('cookie')}; ${cookie}`)
    expect(await rehearsalScopeOf(asApplicant)).toBeUndefined()
    const expert = await post('/admin/rehearsals', { intent: 'create' }, { userId: w.reviewers[0]!.userId })
    expect((await respond(() => rehearsals.action(args(expert)))).status).toBe(403)
    const supervisor = await createStaffAccount(w.db, {
      role: 'admin',
      name: '监督',
      email: `supervisor-${w.cycle.year}@t.example`,
      password: 'password-123',
      offices: ['supervisor'],
    })
    const agency = await createStaffAccount(w.db, {
      role: 'admin',
      name: '评审机构',
      email: `agency-${w.cycle.year}@t.example`,
      password: 'password-123',
      offices: ['agency'],
    })
    const asSupervisor = await post('/admin/rehearsals', { intent: 'create' }, { userId: supervisor.userId })
    expect((await respond(() => rehearsals.action(args(asSupervisor)))).status).toBe(403)
    // The review agency may enter the secretariat's rehearsal and work in it, but not make one.
    const asAgency = await post('/admin/rehearsals', { intent: 'create' }, { userId: agency.userId })
    expect((await respond(() => rehearsals.action(args(asAgency)))).status).toBe(403)
    const agencyPage = await get('/admin', agency.userId)
    agencyPage.headers.set('cookie', `${agencyPage.headers.get('cookie')}; ${cookie}`)
    expect(await rehearsalScopeOf(agencyPage)).toBeDefined()
    // The register's own page always works on the award, even with the cookie.
    const register = await get('/admin/rehearsals', w.admin.userId)
    register.headers.set('cookie', `${register.headers.get('cookie')}; ${cookie}`)
    expect(await rehearsalScopeOf(register)).toBeUndefined()
    const id = Number(
      ((await (await respond(() => rehearsals.loader(args(register)))).json()) as { entered: number | null }).entered,
    )
    expect(id).toBeGreaterThan(0)
    await registerAction(w, { intent: 'delete', rehearsalId: String(id), version: '1' })
  })

  it('whose copy is gone (a restored backup holds the register, not the copies) is not entered, and can be removed', async () => {
    const { w } = await decidedWorld()
    const cookie = rehearsalCookieOf(await registerAction(w, { intent: 'create' }))
    const page = await get('/admin', w.admin.userId)
    page.headers.set('cookie', `${page.headers.get('cookie')}; ${cookie}`)
    const id = (await rehearsalScopeOf(page))!.rehearsalId
    await removeCopy(getAwardDb(), (await findLiveRehearsal(getAwardDb(), id))!.storage)
    const again = await get('/admin', w.admin.userId)
    again.headers.set('cookie', `${again.headers.get('cookie')}; ${cookie}`)
    expect(await rehearsalScopeOf(again)).toBeUndefined()
    const listed = (await (
      await respond(async () => rehearsals.loader(args(await get('/admin/rehearsals', w.admin.userId))))
    ).json()) as { rehearsals: Array<{ id: number; copyMissing: boolean }> }
    expect(listed.rehearsals.find((r) => r.id === id)).toMatchObject({ copyMissing: true })
    expect((await registerAction(w, { intent: 'delete', rehearsalId: String(id), version: '1' })).status).toBe(302)
    expect(await findLiveRehearsal(getAwardDb(), id)).toBeUndefined()
  })
})
